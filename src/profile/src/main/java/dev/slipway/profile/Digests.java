package dev.slipway.profile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The two digests a resolved profile carries; see {@link ResolvedProfile}. */
final class Digests {

    private Digests() {
    }

    /**
     * SHA-256 over the chain, base first: for each file its path relative to the leaf's directory
     * (UTF-8) and its bytes, each preceded by its length as 8 bytes big-endian, so no two different
     * chains hash the same stream.
     */
    static String profileDigest(List<SourceFile> chain, Path leafDirectory) {
        MessageDigest sha = sha256();
        for (SourceFile file : chain) {
            lengthPrefixed(sha, RelativePath.of(leafDirectory, file.absolute()).getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(sha, file.bytes());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static void lengthPrefixed(MessageDigest sha, byte[] bytes) {
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
