package dev.slipway.disk;

import dev.slipway.tree.TreeDigest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Identifiers a disk image needs (VHD unique id, VHDX disk id and write GUIDs), derived from the
 * build's seed so that the same input gives the same bytes: SHA-256 over a label, a zero byte and
 * the seed, its first 16 bytes made a version-8 UUID.
 */
public final class DiskIds {

    private DiskIds() {
    }

    /** The UUID for {@code label} (e.g. "disk-id") under {@code seed}. */
    public static UUID derive(byte[] seed, String label) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(seed);
            return TreeDigest.uuidFrom(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
