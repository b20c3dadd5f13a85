package dev.slipway.build;

import java.io.IOException;
import dev.slipway.disk.Extent;
import dev.slipway.disk.HoleFinder;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and bytes, as lowercase hex. */
public final class FileDigests {

    private FileDigests() {
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest sha = newSha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * SHA-256 of a sparse file, reading only its data: holes are fed from a buffer of zeros, so a
     * mostly empty disk costs the hashing, not the reading. Returns the digest state, to be
     * finished (or cloned and extended) by the caller.
     */
    public static MessageDigest sha256Sparse(Path file, HoleFinder holes) throws IOException {
        MessageDigest sha = newSha256();
        long size = Files.size(file);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long at = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            for (Extent extent : holes.dataExtents(file, size)) {
                updateZeros(sha, extent.offset() - at, buffer.array());
                for (long p = extent.offset(); p < extent.end(); ) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), extent.end() - p));
                    int n = in.read(buffer, p);
                    if (n < 0) {
                        throw new IOException(file + " shrank while it was hashed");
                    }
                    sha.update(buffer.array(), 0, n);
                    p += n;
                }
                at = extent.end();
            }
        }
        updateZeros(sha, size - at, new byte[1 << 20]);
        return sha;
    }

    private static void updateZeros(MessageDigest sha, long count, byte[] scratch) {
        java.util.Arrays.fill(scratch, (byte) 0);
        for (long left = count; left > 0; left -= scratch.length) {
            sha.update(scratch, 0, (int) Math.min(scratch.length, left));
        }
    }

    /** SHA-256 of a possibly sparse file as lowercase hex, reading only its data (SEEK_DATA). */
    public static String sha256OfSparse(Path file) throws IOException {
        return hex(sha256Sparse(file, new dev.slipway.source.SparseFiles()));
    }

    public static String hex(MessageDigest sha) {
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
