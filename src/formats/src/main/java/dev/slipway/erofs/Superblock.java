package dev.slipway.erofs;

import dev.slipway.tree.Timestamp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The 128-byte superblock at byte {@value #OFFSET} of block 0. Offsets below are relative to the
 * start of the superblock; every field is little-endian.
 */
record Superblock(long rootNid, long inodes, Timestamp buildTime, long blocks, long metaBlkaddr,
        long xattrBlkaddr, UUID uuid, String volumeName) {

    static final int OFFSET = 1024;
    static final int SIZE = 128;

    static final int MAGIC = 0xE0F5E1E2;
    static final int FEATURE_COMPAT_SB_CHKSUM = 0x1;
    static final int BLOCK_SIZE_BITS = 12;

    static final int MAGIC_OFFSET = 0;
    static final int CHECKSUM_OFFSET = 4;
    static final int FEATURE_COMPAT_OFFSET = 8;
    static final int BLKSZBITS_OFFSET = 12;
    static final int EXTSLOTS_OFFSET = 13;
    static final int ROOT_NID_OFFSET = 14;
    static final int INOS_OFFSET = 16;
    static final int BUILD_TIME_OFFSET = 24;
    static final int BUILD_TIME_NSEC_OFFSET = 32;
    static final int BLOCKS_OFFSET = 36;
    static final int META_BLKADDR_OFFSET = 40;
    static final int XATTR_BLKADDR_OFFSET = 44;
    static final int UUID_OFFSET = 48;
    static final int VOLUME_NAME_OFFSET = 64;
    static final int FEATURE_INCOMPAT_OFFSET = 80;
    static final int VOLUME_NAME_SIZE = 16;

    /** The 16-bit root_nid field limits where the root inode can live. */
    static final long MAX_ROOT_NID = 0xFFFF;

    Superblock {
        if (rootNid < 0 || rootNid > MAX_ROOT_NID) {
            throw new IllegalArgumentException("root nid " + rootNid + " does not fit the superblock's 16 bits");
        }
        checkU32("blocks", blocks);
        checkU32("meta_blkaddr", metaBlkaddr);
        checkU32("xattr_blkaddr", xattrBlkaddr);
    }

    private static void checkU32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " " + value + " does not fit 32 bits");
        }
    }

    /**
     * Writes the superblock into {@code block0} (the image's first block, little-endian, positioned
     * anywhere) with a zero checksum; {@link #seal} fills the checksum in once the rest of the block
     * (which the checksum also covers) is final.
     */
    void encodeInto(ByteBuffer block0) {
        ByteBuffer sb = block0.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        sb.position(OFFSET);
        ByteBuffer field = sb.slice().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < SIZE; i++) {
            field.put(i, (byte) 0);
        }
        field.putInt(MAGIC_OFFSET, MAGIC);
        field.putInt(CHECKSUM_OFFSET, 0);
        field.putInt(FEATURE_COMPAT_OFFSET, FEATURE_COMPAT_SB_CHKSUM);
        field.put(BLKSZBITS_OFFSET, (byte) BLOCK_SIZE_BITS);
        field.put(EXTSLOTS_OFFSET, (byte) 0);
        field.putShort(ROOT_NID_OFFSET, (short) rootNid);
        field.putLong(INOS_OFFSET, inodes);
        field.putLong(BUILD_TIME_OFFSET, buildTime.seconds());
        field.putInt(BUILD_TIME_NSEC_OFFSET, buildTime.nanos());
        field.putInt(BLOCKS_OFFSET, (int) blocks);
        field.putInt(META_BLKADDR_OFFSET, (int) metaBlkaddr);
        field.putInt(XATTR_BLKADDR_OFFSET, (int) xattrBlkaddr);
        // A UUID is a byte string, not a number: stored in its textual (big-endian) order.
        field.order(ByteOrder.BIG_ENDIAN);
        field.putLong(UUID_OFFSET, uuid.getMostSignificantBits());
        field.putLong(UUID_OFFSET + 8, uuid.getLeastSignificantBits());
        field.order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = volumeName.getBytes(StandardCharsets.UTF_8);
        field.put(VOLUME_NAME_OFFSET, name);
        // feature_incompat stays 0: flat, uncompressed, single-device images need none.
    }

    /** Computes the checksum over bytes [1024, 4096) of {@code block0} and stores it. */
    static void seal(ByteBuffer block0) {
        block0.order(ByteOrder.LITTLE_ENDIAN).putInt(OFFSET + CHECKSUM_OFFSET, checksum(block0));
    }

    /**
     * The kernel's value: crc32c seeded with ~0 and without the final inversion, over the rest of
     * block 0 from the superblock on, with the checksum field taken as zero. java.util.zip.CRC32C
     * inverts at the end, so its result is inverted back.
     */
    static int checksum(ByteBuffer block0) {
        byte[] bytes = new byte[ErofsImage.BLOCK_SIZE - OFFSET];
        block0.get(OFFSET, bytes);
        for (int i = 0; i < 4; i++) {
            bytes[CHECKSUM_OFFSET + i] = 0;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return ~(int) crc.getValue();
    }
}
