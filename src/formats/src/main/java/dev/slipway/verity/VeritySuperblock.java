package dev.slipway.verity;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The 512-byte superblock veritysetup writes at the start of a hash area (its {@code struct
 * verity_sb}). All integers are little-endian; the UUID is stored in RFC 4122 byte order; the
 * algorithm is a NUL-padded kernel crypto name. The kernel never reads it: it only tells tools
 * like {@code veritysetup verify} and {@code dump} the parameters.
 *
 * @param version       superblock version; only 1 exists
 * @param hashType      0 for the Chrome OS format (salt after the block), 1 for the normal one
 * @param uuid          UUID of the hash area
 * @param algorithm     hash algorithm's kernel name, at most 32 ASCII bytes
 * @param dataBlockSize bytes per data block
 * @param hashBlockSize bytes per hash block
 * @param dataBlocks    number of data blocks covered
 * @param salt          salt bytes (at most 256)
 */
public record VeritySuperblock(int version, int hashType, UUID uuid, String algorithm, int dataBlockSize,
                               int hashBlockSize, long dataBlocks, byte[] salt) {

    public static final int SIZE = 512;
    public static final int OFFSET_SIGNATURE = 0;
    public static final int OFFSET_VERSION = 8;
    public static final int OFFSET_HASH_TYPE = 12;
    public static final int OFFSET_UUID = 16;
    public static final int OFFSET_ALGORITHM = 32;
    public static final int ALGORITHM_LENGTH = 32;
    public static final int OFFSET_DATA_BLOCK_SIZE = 64;
    public static final int OFFSET_HASH_BLOCK_SIZE = 68;
    public static final int OFFSET_DATA_BLOCKS = 72;
    public static final int OFFSET_SALT_SIZE = 80;
    /** Six reserved bytes after the 16-bit salt size, zero. */
    public static final int OFFSET_PAD1 = 82;
    public static final int OFFSET_SALT = 88;
    public static final int SALT_CAPACITY = 256;
    /** Reserved bytes to the end of the superblock, zero. */
    public static final int OFFSET_PAD2 = 344;

    public static final int VERSION = 1;
    public static final int HASH_TYPE_CHROME_OS = 0;
    public static final int HASH_TYPE_NORMAL = 1;

    private static final byte[] SIGNATURE = "verity\0\0".getBytes(StandardCharsets.US_ASCII);

    public VeritySuperblock {
        if (uuid == null || algorithm == null || salt == null) {
            throw new IllegalArgumentException("uuid, algorithm and salt must not be null");
        }
        if (salt.length > SALT_CAPACITY) {
            throw new IllegalArgumentException("salt of " + salt.length + " bytes; the superblock holds " + SALT_CAPACITY);
        }
        byte[] name = algorithm.getBytes(StandardCharsets.US_ASCII);
        if (name.length > ALGORITHM_LENGTH || !algorithm.equals(new String(name, StandardCharsets.US_ASCII))
                || algorithm.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("algorithm name '" + algorithm + "' is not up to "
                    + ALGORITHM_LENGTH + " ASCII characters");
        }
        salt = salt.clone();
    }

    /** The superblock veritysetup writes for {@code parameters} (version 1, hash type 1). */
    public static VeritySuperblock of(VerityParameters parameters) {
        return new VeritySuperblock(VERSION, HASH_TYPE_NORMAL, parameters.uuid(), parameters.algorithm(),
                parameters.dataBlockSize(), parameters.hashBlockSize(), parameters.dataBlocks(), parameters.salt());
    }

    /**
     * The parameters for formatting or verifying with this superblock.
     *
     * @throws VerityException for the Chrome OS hash type, an algorithm the JDK lacks, or block
     *                         sizes or a block count veritysetup would refuse too
     */
    public VerityParameters toParameters() throws VerityException {
        if (hashType != HASH_TYPE_NORMAL) {
            throw new VerityException("verity hash type " + hashType + " is not supported; only type 1");
        }
        try {
            return new VerityParameters(algorithm, dataBlockSize, hashBlockSize, dataBlocks, salt, uuid);
        } catch (IllegalArgumentException e) {
            throw new VerityException("unusable verity superblock: " + e.getMessage());
        }
    }

    /** A copy of the salt. */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** The 512 bytes on disk. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(OFFSET_SIGNATURE, SIGNATURE);
        b.putInt(OFFSET_VERSION, version);
        b.putInt(OFFSET_HASH_TYPE, hashType);
        // UUIDs are stored as their 16 bytes in textual order, i.e. big-endian.
        b.order(ByteOrder.BIG_ENDIAN).putLong(OFFSET_UUID, uuid.getMostSignificantBits())
                .putLong(OFFSET_UUID + 8, uuid.getLeastSignificantBits()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(OFFSET_ALGORITHM, algorithm.getBytes(StandardCharsets.US_ASCII));
        b.putInt(OFFSET_DATA_BLOCK_SIZE, dataBlockSize);
        b.putInt(OFFSET_HASH_BLOCK_SIZE, hashBlockSize);
        b.putLong(OFFSET_DATA_BLOCKS, dataBlocks);
        b.putShort(OFFSET_SALT_SIZE, (short) salt.length);
        b.put(OFFSET_SALT, salt);
        return b.array();
    }

    /**
     * Parses a superblock. Like veritysetup it checks only what it must to read the rest: the
     * signature, the version and the salt size; reserved bytes are not checked, and whether the
     * parameters are usable is {@link #toParameters()}'s question.
     */
    public static VeritySuperblock decode(byte[] bytes) throws VerityException {
        if (bytes.length < SIZE) {
            throw new VerityException("verity superblock needs " + SIZE + " bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(bytes, OFFSET_SIGNATURE, OFFSET_SIGNATURE + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new VerityException("no verity superblock: signature is "
                    + HexFormat.of().formatHex(bytes, OFFSET_SIGNATURE, OFFSET_SIGNATURE + SIGNATURE.length)
                    + ", not \"verity\\0\\0\"");
        }
        int version = b.getInt(OFFSET_VERSION);
        if (version != VERSION) {
            throw new VerityException("unsupported verity superblock version " + Integer.toUnsignedString(version));
        }
        int saltSize = Short.toUnsignedInt(b.getShort(OFFSET_SALT_SIZE));
        if (saltSize > SALT_CAPACITY) {
            throw new VerityException("verity superblock corrupted: salt size " + saltSize);
        }
        int nameLength = 0;
        while (nameLength < ALGORITHM_LENGTH && bytes[OFFSET_ALGORITHM + nameLength] != 0) {
            nameLength++;
        }
        for (int i = 0; i < nameLength; i++) {
            if (bytes[OFFSET_ALGORITHM + i] < 0x20 || bytes[OFFSET_ALGORITHM + i] > 0x7e) {
                throw new VerityException("verity superblock corrupted: algorithm name is not printable ASCII");
            }
        }
        String algorithm = new String(bytes, OFFSET_ALGORITHM, nameLength, StandardCharsets.US_ASCII);
        b.order(ByteOrder.BIG_ENDIAN);
        UUID uuid = new UUID(b.getLong(OFFSET_UUID), b.getLong(OFFSET_UUID + 8));
        b.order(ByteOrder.LITTLE_ENDIAN);
        return new VeritySuperblock(version, b.getInt(OFFSET_HASH_TYPE), uuid, algorithm,
                b.getInt(OFFSET_DATA_BLOCK_SIZE), b.getInt(OFFSET_HASH_BLOCK_SIZE), b.getLong(OFFSET_DATA_BLOCKS),
                Arrays.copyOfRange(bytes, OFFSET_SALT, OFFSET_SALT + saltSize));
    }

    /** Reads the superblock at {@code offset} of {@code file}, as {@code veritysetup dump} does. */
    public static VeritySuperblock read(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, offset);
        } catch (EOFException e) {
            throw new VerityException(file + ": " + e.getMessage());
        }
    }

    /** Reads the superblock at {@code offset} of {@code channel}. */
    public static VeritySuperblock read(FileChannel channel, long offset) throws IOException {
        checkOffset(offset);
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new EOFException("no verity superblock at offset " + offset + ": the file ends at "
                        + channel.size());
            }
        }
        return decode(buffer.array());
    }

    /** Writes the 512 bytes at {@code offset} of {@code channel}, touching nothing else. */
    public void write(FileChannel channel, long offset) throws IOException {
        checkOffset(offset);
        ByteBuffer buffer = ByteBuffer.wrap(encode());
        while (buffer.hasRemaining()) {
            channel.write(buffer, offset + buffer.position());
        }
    }

    // veritysetup refuses other offsets ("Unsupported VERITY hash offset"): keep files it can read.
    static void checkOffset(long offset) {
        if (offset < 0 || offset % 512 != 0) {
            throw new IllegalArgumentException("hash offset " + offset + " is not a non-negative multiple of 512");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VeritySuperblock s && version == s.version && hashType == s.hashType
                && uuid.equals(s.uuid) && algorithm.equals(s.algorithm) && dataBlockSize == s.dataBlockSize
                && hashBlockSize == s.hashBlockSize && dataBlocks == s.dataBlocks && Arrays.equals(salt, s.salt);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * uuid.hashCode() + Long.hashCode(dataBlocks)) + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "VeritySuperblock[version " + version + ", hash type " + hashType + ", uuid " + uuid + ", " + algorithm
                + ", data " + dataBlocks + " x " + dataBlockSize + ", hash blocks " + hashBlockSize + ", salt "
                + (salt.length == 0 ? "-" : HexFormat.of().formatHex(salt)) + "]";
    }
}
