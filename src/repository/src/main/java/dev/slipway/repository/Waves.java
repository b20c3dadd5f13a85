package dev.slipway.repository;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Where a node stands in a rollout. Every node computes its own place from its machine id; no
 * server assigns it and nothing is stored. A wave of {@code p} percent lets in the nodes whose
 * place is below {@code p / 100}.
 *
 * <p>The place depends on the release version too, so the first wave is not always the same
 * machines: each release draws a fresh, independent order, and no node is everyone's canary.
 */
public final class Waves {

    private static final byte[] DOMAIN = "slipway-wave".getBytes(StandardCharsets.US_ASCII);
    /** 2^-53: a double holds 53 significant bits exactly. */
    private static final double UNIT = 0x1.0p-53;

    private Waves() {
    }

    /**
     * The node's place in [0, 1): the first 8 bytes of SHA-256("slipway-wave" NUL channel NUL
     * releaseVersion NUL machineId), big-endian, as an unsigned fraction of 2^64 (its top 53 bits,
     * which a double holds exactly). The NUL separators keep ("a", "bc") and ("ab", "c") apart.
     */
    public static double place(String machineId, String channel, String releaseVersion) {
        MessageDigest sha256 = FramedPayload.sha256();
        sha256.update(DOMAIN);
        for (String part : new String[] {channel, releaseVersion, machineId}) {
            sha256.update((byte) 0);
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
        }
        long first = ByteBuffer.wrap(sha256.digest()).getLong();
        return (first >>> 11) * UNIT;
    }
}
