package dev.slipway.verity;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Everything that determines a dm-verity hash tree, as stored in the veritysetup superblock: the
 * hash algorithm (kernel crypto name, e.g. {@code sha256}), data and hash block sizes, the number
 * of data blocks covered, the salt and the UUID. Only format version 1 is produced ("hash type 1":
 * every block hashed as H(salt || block), digests padded to a power of two).
 *
 * <p>Instances are immutable: the salt is copied in and out.
 *
 * @param algorithm     hash algorithm as the kernel and veritysetup name it
 * @param dataBlockSize bytes per data block: a power of two from 512 to 512 KiB
 * @param hashBlockSize bytes per hash block: a power of two from 512 to 512 KiB
 * @param dataBlocks    data blocks covered by the tree, at least 1
 * @param salt          0 to 256 bytes
 * @param uuid          identifies the hash area; veritysetup shows it, the kernel ignores it
 */
public record VerityParameters(String algorithm, int dataBlockSize, int hashBlockSize, long dataBlocks,
                               byte[] salt, UUID uuid) {

    public static final String DEFAULT_ALGORITHM = "sha256";
    /** The block size Slipway uses for both data and hash blocks: the page size the kernel wants. */
    public static final int DEFAULT_BLOCK_SIZE = 4096;
    /** veritysetup's default salt length, in bytes. */
    public static final int DEFAULT_SALT_SIZE = 32;
    /** The superblock keeps at most this many salt bytes. */
    public static final int MAX_SALT_SIZE = 256;
    public static final int MIN_BLOCK_SIZE = 512;
    /** cryptsetup's upper limit; the kernel can only activate data blocks up to the page size. */
    public static final int MAX_BLOCK_SIZE = 512 * 1024;

    // Kernel crypto names that the JDK's providers implement. Only these can be formatted or
    // verified in pure Java; anything else is refused rather than guessed.
    private static final Map<String, String> JCA_NAMES = Map.of(
            "sha1", "SHA-1",
            "sha224", "SHA-224",
            "sha256", "SHA-256",
            "sha384", "SHA-384",
            "sha512", "SHA-512");
    private static final Map<String, Integer> DIGEST_SIZES = Map.of(
            "sha1", 20, "sha224", 28, "sha256", 32, "sha384", 48, "sha512", 64);

    public VerityParameters {
        if (algorithm == null || !JCA_NAMES.containsKey(algorithm)) {
            throw new IllegalArgumentException("unsupported verity hash algorithm " + algorithm
                    + "; supported: " + JCA_NAMES.keySet());
        }
        checkBlockSize("data", dataBlockSize);
        checkBlockSize("hash", hashBlockSize);
        if (dataBlocks < 1) {
            throw new IllegalArgumentException("a verity tree covers at least 1 data block, not " + dataBlocks);
        }
        if (dataBlocks > Long.MAX_VALUE / dataBlockSize) {
            throw new IllegalArgumentException(dataBlocks + " data blocks of " + dataBlockSize + " bytes overflow");
        }
        if (salt == null || salt.length > MAX_SALT_SIZE) {
            throw new IllegalArgumentException("salt must be 0.." + MAX_SALT_SIZE + " bytes"
                    + (salt == null ? ", not null" : ", not " + salt.length));
        }
        if (uuid == null) {
            throw new IllegalArgumentException("uuid must not be null");
        }
        salt = salt.clone();
    }

    /**
     * SHA-256, 4096-byte blocks, a random 32-byte salt and a random UUID over {@code dataBlocks}
     * blocks: what {@code veritysetup format} does by default.
     */
    public static VerityParameters of(long dataBlocks) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[DEFAULT_SALT_SIZE];
        random.nextBytes(salt);
        return new VerityParameters(DEFAULT_ALGORITHM, DEFAULT_BLOCK_SIZE, DEFAULT_BLOCK_SIZE, dataBlocks, salt,
                UUID.randomUUID());
    }

    /**
     * Like {@link #of(long)} for {@code dataBytes} of data, which must be a whole number of
     * 4096-byte blocks: unlike veritysetup, which silently leaves a partial last block unprotected,
     * this refuses.
     */
    public static VerityParameters forDataSize(long dataBytes) {
        if (dataBytes <= 0 || dataBytes % DEFAULT_BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("data size " + dataBytes + " is not a positive multiple of "
                    + DEFAULT_BLOCK_SIZE + " bytes; pad the data to a block boundary");
        }
        return of(dataBytes / DEFAULT_BLOCK_SIZE);
    }

    public VerityParameters withAlgorithm(String newAlgorithm) {
        return new VerityParameters(newAlgorithm, dataBlockSize, hashBlockSize, dataBlocks, salt, uuid);
    }

    public VerityParameters withBlockSizes(int newDataBlockSize, int newHashBlockSize) {
        return new VerityParameters(algorithm, newDataBlockSize, newHashBlockSize, dataBlocks, salt, uuid);
    }

    public VerityParameters withDataBlocks(long newDataBlocks) {
        return new VerityParameters(algorithm, dataBlockSize, hashBlockSize, newDataBlocks, salt, uuid);
    }

    public VerityParameters withSalt(byte[] newSalt) {
        return new VerityParameters(algorithm, dataBlockSize, hashBlockSize, dataBlocks, newSalt, uuid);
    }

    public VerityParameters withUuid(UUID newUuid) {
        return new VerityParameters(algorithm, dataBlockSize, hashBlockSize, dataBlocks, salt, newUuid);
    }

    /** A copy of the salt. */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** The salt as lower-case hex, or {@code -} when empty, as veritysetup prints and accepts it. */
    public String saltHex() {
        return salt.length == 0 ? "-" : HexFormat.of().formatHex(salt);
    }

    /** Bytes of data the tree covers. */
    public long dataSize() {
        return dataBlocks * dataBlockSize;
    }

    /** Bytes in one digest of {@link #algorithm()}. */
    public int digestSize() {
        return DIGEST_SIZES.get(algorithm);
    }

    /** The algorithm's name for {@link java.security.MessageDigest#getInstance(String)}. */
    public String jcaAlgorithm() {
        return JCA_NAMES.get(algorithm);
    }

    /** Whether the JDK can compute {@code algorithm} (a kernel crypto name) for verity. */
    public static boolean isSupportedAlgorithm(String algorithm) {
        return JCA_NAMES.containsKey(algorithm);
    }

    static void checkBlockSize(String what, int size) {
        if (size < MIN_BLOCK_SIZE || size > MAX_BLOCK_SIZE || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException(what + " block size " + size + " is not a power of two from "
                    + MIN_BLOCK_SIZE + " to " + MAX_BLOCK_SIZE);
        }
    }

    // The record's own equals/hashCode would compare the salt array by identity.
    @Override
    public boolean equals(Object o) {
        return o instanceof VerityParameters p
                && algorithm.equals(p.algorithm)
                && dataBlockSize == p.dataBlockSize
                && hashBlockSize == p.hashBlockSize
                && dataBlocks == p.dataBlocks
                && Arrays.equals(salt, p.salt)
                && uuid.equals(p.uuid);
    }

    @Override
    public int hashCode() {
        int h = algorithm.hashCode();
        h = 31 * h + dataBlockSize;
        h = 31 * h + hashBlockSize;
        h = 31 * h + Long.hashCode(dataBlocks);
        h = 31 * h + Arrays.hashCode(salt);
        return 31 * h + uuid.hashCode();
    }

    @Override
    public String toString() {
        return "VerityParameters[" + algorithm + ", data " + dataBlocks + " x " + dataBlockSize
                + ", hash blocks " + hashBlockSize + ", salt " + saltHex() + ", uuid " + uuid + "]";
    }
}
