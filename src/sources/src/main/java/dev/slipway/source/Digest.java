package dev.slipway.source;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest as OCI descriptors write it, "algorithm:hex". Only the algorithms Slipway can
 * check are accepted, sha256 and sha512, with exactly their number of lowercase hex digits; so a
 * parsed digest is also a safe file name under {@code blobs/}.
 */
record Digest(String algorithm, String hex) {

    /** The image-spec grammar, checked first so that the message can say which rule failed. */
    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");
    private static final int MAX_SHOWN = 160;

    Digest {
        Pattern hexForm = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
        if (!hexForm.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a " + algorithm + " digest: " + hex);
        }
    }

    /**
     * Parses a digest found in the layout.
     *
     * @param file the file of the layout it was found in, for the exception
     * @param where what it is the digest of ("the manifest's layer 2"), for the message
     */
    static Digest parse(String text, String file, String where) throws InvalidImageException {
        if (text == null || !GRAMMAR.matcher(text).matches()) {
            throw new InvalidImageException(file, where + " has the digest '" + shown(text) + "', which is not a"
                    + " digest at all (it must be algorithm:hex, e.g. sha256: and 64 lowercase hex digits); the layout is"
                    + " corrupt or was tampered with: copy or pull the image again");
        }
        int colon = text.indexOf(':');
        String algorithm = text.substring(0, colon);
        String hex = text.substring(colon + 1);
        if (!algorithm.equals("sha256") && !algorithm.equals("sha512")) {
            throw new InvalidImageException(file, where + " has the digest '" + shown(text) + "', whose algorithm '"
                    + algorithm + "' Slipway cannot check (it checks sha256 and sha512): re-push or copy the image"
                    + " with sha256 digests");
        }
        try {
            return new Digest(algorithm, hex);
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException(file, where + " has the digest '" + shown(text) + "', which is not "
                    + (algorithm.equals("sha256") ? 64 : 128) + " lowercase hex digits; the layout is corrupt or was"
                    + " tampered with: copy or pull the image again");
        }
    }

    /** The digest of bytes already hashed with {@link #newHasher(String)}. */
    static Digest of(String algorithm, MessageDigest hasher) {
        return new Digest(algorithm, HexFormat.of().formatHex(hasher.digest()));
    }

    static MessageDigest newHasher(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256 and SHA-512", e);
        }
    }

    /** Where the layout keeps the blob with this digest, relative to the layout's root. */
    String blobPath() {
        return "blobs/" + algorithm + "/" + hex;
    }

    /** The algorithm and the first 12 hex digits, for naming a blob in a sentence. */
    String abbreviated() {
        return algorithm + ":" + hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    /** Text from the layout as it may appear in a message: control characters escaped, length bounded. */
    static String shown(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_SHOWN).forEach(c -> {
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > MAX_SHOWN ? out + "..." : out.toString();
    }
}
