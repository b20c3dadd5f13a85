package dev.slipway.slot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The record in the last 4 KiB of a USR partition that says what the slot holds: where its
 * dm-verity hash tree starts (neither the filesystem nor the verity superblock says where the data
 * ends), the verity parameters and root hash, the image's name, version, compatibility string and
 * security version (so the agent knows what it runs from the booted slot alone), and the SHA-256 of
 * the slot's payload (filesystem and hash area). The agent writes it last when it installs a slot, so
 * a slot without a valid trailer is incomplete; {@code slipway disk inspect} reads it.
 *
 * <p>It is a locator, not a trust anchor: the root hash a node boots with comes from the slot's
 * boot entry, and the one an update installs from the signed manifest; both are checked against
 * this. Little-endian; a CRC-32C over everything before it guards against torn writes.
 *
 * @param dataSize        bytes of filesystem at the start of the partition (verity's data area)
 * @param hashOffset      where the verity superblock starts, from the partition's start
 * @param dataBlocks      number of verity data blocks
 * @param rootHash        the verity root hash
 * @param compatibility   the image's compatibility string, as its signed manifest says
 *                        ({@code slipway/aks-node/x86_64})
 * @param securityVersion the image's anti-rollback counter, as its signed manifest says
 * @param payloadSha256   SHA-256 of the partition's first {@code payloadSize} bytes
 * @param payloadSize     bytes of filesystem and hash area together
 */
public record SlotTrailer(long dataSize, long hashOffset, long dataBlocks, int dataBlockSize, int hashBlockSize,
                          String hashAlgorithm, byte[] rootHash, byte[] salt, String imageName,
                          String imageVersion, String compatibility, long securityVersion, long payloadSize,
                          byte[] payloadSha256) {

    public static final int SIZE = 4096;
    public static final int OFFSET_MAGIC = 0;
    public static final int OFFSET_VERSION = 8;
    public static final int OFFSET_FLAGS = 12;
    public static final int OFFSET_DATA_SIZE = 16;
    public static final int OFFSET_HASH_OFFSET = 24;
    public static final int OFFSET_DATA_BLOCKS = 32;
    public static final int OFFSET_DATA_BLOCK_SIZE = 40;
    public static final int OFFSET_HASH_BLOCK_SIZE = 44;
    public static final int OFFSET_ALGORITHM = 48;
    public static final int ALGORITHM_CAPACITY = 32;
    public static final int OFFSET_ROOT_HASH_SIZE = 80;
    public static final int OFFSET_ROOT_HASH = 88;
    public static final int ROOT_HASH_CAPACITY = 64;
    public static final int OFFSET_SALT_SIZE = 152;
    public static final int OFFSET_SALT = 160;
    public static final int SALT_CAPACITY = 256;
    public static final int OFFSET_IMAGE_NAME = 416;
    public static final int OFFSET_IMAGE_VERSION = 480;
    public static final int TEXT_CAPACITY = 64;
    public static final int OFFSET_PAYLOAD_SIZE = 544;
    public static final int OFFSET_PAYLOAD_SHA256 = 552;
    public static final int OFFSET_COMPATIBILITY = 584;
    public static final int COMPATIBILITY_CAPACITY = 128;
    public static final int OFFSET_SECURITY_VERSION = 712;
    /** Reserved to the checksum, zero. */
    public static final int OFFSET_RESERVED = 720;
    public static final int OFFSET_CRC32C = SIZE - 4;

    /** Version 2 added the compatibility string and security version; version 1 was never deployed. */
    public static final int VERSION = 2;
    private static final byte[] MAGIC = "SLIPSLOT".getBytes(StandardCharsets.US_ASCII);

    public SlotTrailer {
        rootHash = rootHash.clone();
        salt = salt.clone();
        payloadSha256 = payloadSha256.clone();
        check(rootHash.length > 0 && rootHash.length <= ROOT_HASH_CAPACITY, "root hash of " + rootHash.length + " bytes");
        check(salt.length <= SALT_CAPACITY, "salt of " + salt.length + " bytes");
        check(payloadSha256.length == 32, "payload digest of " + payloadSha256.length + " bytes");
        check(ascii(hashAlgorithm).length < ALGORITHM_CAPACITY, "hash algorithm name '" + hashAlgorithm + "'");
        check(utf8(imageName).length < TEXT_CAPACITY, "image name of " + utf8(imageName).length + " bytes");
        check(utf8(imageVersion).length < TEXT_CAPACITY, "image version of " + utf8(imageVersion).length + " bytes");
        check(!compatibility.isEmpty() && compatibility.indexOf(0) < 0
                && utf8(compatibility).length < COMPATIBILITY_CAPACITY, "compatibility string of "
                + utf8(compatibility).length + " bytes (1 to " + (COMPATIBILITY_CAPACITY - 1) + ", no NUL)");
        check(securityVersion >= 0, "security version " + Long.toUnsignedString(securityVersion)
                + " (at most " + Long.MAX_VALUE + ")");
        check(dataSize > 0 && hashOffset >= dataSize && payloadSize > hashOffset, "sizes: data " + dataSize
                + ", hash offset " + hashOffset + ", payload " + payloadSize);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] payloadSha256() {
        return payloadSha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotTrailer t && Arrays.equals(encode(), t.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "SlotTrailer[" + imageName + " " + imageVersion + " (" + compatibility + ", security version "
                + securityVersion + "), data " + dataSize + ", hash offset " + hashOffset + ", root hash "
                + rootHashHex() + "]";
    }

    public String rootHashHex() {
        return HexFormat.of().formatHex(rootHash);
    }

    /** Where the trailer sits in a partition of {@code partitionSize} bytes, from its start. */
    public static long offsetIn(long partitionSize) {
        return partitionSize - SIZE;
    }

    /** The most payload (filesystem and hash area) a partition of this size holds. */
    public static long capacity(long partitionSize) {
        return offsetIn(partitionSize);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(OFFSET_MAGIC, MAGIC);
        b.putInt(OFFSET_VERSION, VERSION);
        b.putLong(OFFSET_DATA_SIZE, dataSize);
        b.putLong(OFFSET_HASH_OFFSET, hashOffset);
        b.putLong(OFFSET_DATA_BLOCKS, dataBlocks);
        b.putInt(OFFSET_DATA_BLOCK_SIZE, dataBlockSize);
        b.putInt(OFFSET_HASH_BLOCK_SIZE, hashBlockSize);
        b.put(OFFSET_ALGORITHM, ascii(hashAlgorithm));
        b.putShort(OFFSET_ROOT_HASH_SIZE, (short) rootHash.length);
        b.put(OFFSET_ROOT_HASH, rootHash);
        b.putShort(OFFSET_SALT_SIZE, (short) salt.length);
        b.put(OFFSET_SALT, salt);
        b.put(OFFSET_IMAGE_NAME, utf8(imageName));
        b.put(OFFSET_IMAGE_VERSION, utf8(imageVersion));
        b.putLong(OFFSET_PAYLOAD_SIZE, payloadSize);
        b.put(OFFSET_PAYLOAD_SHA256, payloadSha256);
        b.put(OFFSET_COMPATIBILITY, utf8(compatibility));
        b.putLong(OFFSET_SECURITY_VERSION, securityVersion);
        b.putInt(OFFSET_CRC32C, crc(b.array()));
        return b.array();
    }

    /**
     * Decodes a trailer.
     *
     * @throws SlotTrailerException when the block holds no trailer (a slot never written, or one
     *                              whose install did not finish), or a damaged or unknown one
     */
    public static SlotTrailer decode(byte[] block) throws SlotTrailerException {
        if (block.length != SIZE) {
            throw new IllegalArgumentException("a slot trailer is " + SIZE + " bytes, not " + block.length);
        }
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(block, OFFSET_MAGIC, OFFSET_MAGIC + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new SlotTrailerException("no slot trailer (the slot is empty or its install did not finish)");
        }
        int crc = b.getInt(OFFSET_CRC32C);
        if (crc != crc(block)) {
            throw new SlotTrailerException("the slot trailer's CRC-32C does not match: it is damaged or half-written");
        }
        int version = b.getInt(OFFSET_VERSION);
        if (version != VERSION) {
            throw new SlotTrailerException("slot trailer version " + version + ", but this Slipway reads only version "
                    + VERSION + ": the slot was written by another Slipway; rebuild the disk or reinstall the slot");
        }
        int rootHashSize = Short.toUnsignedInt(b.getShort(OFFSET_ROOT_HASH_SIZE));
        int saltSize = Short.toUnsignedInt(b.getShort(OFFSET_SALT_SIZE));
        if (rootHashSize == 0 || rootHashSize > ROOT_HASH_CAPACITY || saltSize > SALT_CAPACITY) {
            throw new SlotTrailerException("slot trailer with a root hash of " + rootHashSize + " and a salt of "
                    + saltSize + " bytes");
        }
        try {
            return new SlotTrailer(b.getLong(OFFSET_DATA_SIZE), b.getLong(OFFSET_HASH_OFFSET),
                    b.getLong(OFFSET_DATA_BLOCKS), b.getInt(OFFSET_DATA_BLOCK_SIZE), b.getInt(OFFSET_HASH_BLOCK_SIZE),
                    text(block, OFFSET_ALGORITHM, ALGORITHM_CAPACITY),
                    Arrays.copyOfRange(block, OFFSET_ROOT_HASH, OFFSET_ROOT_HASH + rootHashSize),
                    Arrays.copyOfRange(block, OFFSET_SALT, OFFSET_SALT + saltSize),
                    text(block, OFFSET_IMAGE_NAME, TEXT_CAPACITY), text(block, OFFSET_IMAGE_VERSION, TEXT_CAPACITY),
                    text(block, OFFSET_COMPATIBILITY, COMPATIBILITY_CAPACITY), b.getLong(OFFSET_SECURITY_VERSION),
                    b.getLong(OFFSET_PAYLOAD_SIZE),
                    Arrays.copyOfRange(block, OFFSET_PAYLOAD_SHA256, OFFSET_PAYLOAD_SHA256 + 32));
        } catch (IllegalArgumentException e) {
            throw new SlotTrailerException("slot trailer with impossible values: " + e.getMessage());
        }
    }

    /** Writes the trailer into the partition at {@code partitionOffset} of {@code disk}. */
    public void writeTo(FileChannel disk, long partitionOffset, long partitionSize) throws IOException {
        check(payloadSize <= capacity(partitionSize), "a payload of " + payloadSize + " bytes in a partition of "
                + partitionSize);
        ByteBuffer buffer = ByteBuffer.wrap(encode());
        long at = partitionOffset + offsetIn(partitionSize);
        while (buffer.hasRemaining()) {
            disk.write(buffer, at + buffer.position());
        }
    }

    /** Reads the trailer of the partition at {@code partitionOffset} of {@code disk}. */
    public static SlotTrailer readFrom(FileChannel disk, long partitionOffset, long partitionSize)
            throws IOException, SlotTrailerException {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        long at = partitionOffset + offsetIn(partitionSize);
        while (buffer.hasRemaining()) {
            if (disk.read(buffer, at + buffer.position()) < 0) {
                throw new SlotTrailerException("the disk ends inside the slot trailer at " + at);
            }
        }
        return decode(buffer.array());
    }

    private static int crc(byte[] block) {
        CRC32C crc = new CRC32C();
        crc.update(block, 0, OFFSET_CRC32C);
        return (int) crc.getValue();
    }

    private static String text(byte[] block, int offset, int capacity) {
        int end = offset;
        while (end < offset + capacity && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("invalid slot trailer: " + what);
        }
    }
}
