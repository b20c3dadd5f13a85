package dev.slipway.erofs;

import java.util.TreeSet;

/**
 * Hands out space in the metadata area, which starts right after the superblock in block 0.
 * Every piece (an inode with its xattr body and inline tail, or the shared xattr area) starts on a
 * 32-byte boundary, as nids require. A piece of up to one block never crosses a block boundary (the
 * kernel refuses inline data that does) and goes to the partly used block with the least room that
 * still fits it (best fit), so the small inodes fill what large tails leave over; only when no
 * block has room does the area grow by a block. A larger piece (an inode with a huge xattr body,
 * never with inline data) starts a fresh block and runs on; the kernel reads xattrs across blocks.
 *
 * <p>Deterministic: ties go to the lowest block.
 */
final class MetadataAllocator {

    static final int BLOCK = ErofsImage.BLOCK_SIZE;
    static final int ALIGNMENT = ErofsWriter.INODE_SLOT;

    /** Partly used blocks as (free bytes << 40 | block index), so the set orders by room, then block. */
    private final TreeSet<Long> open = new TreeSet<>();
    private long blocks;

    /** @param used bytes of block 0 already taken (the boot area and the superblock) */
    MetadataAllocator(int used) {
        blocks = 1;
        markOpen(0, align(used));
    }

    /** Reserves {@code size} bytes and returns their image offset. */
    long allocate(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("empty metadata piece");
        }
        if (size > BLOCK) {
            long start = blocks * BLOCK;
            blocks += (size + BLOCK - 1) / BLOCK;
            markOpen(blocks - 1, align(size % BLOCK == 0 ? BLOCK : size % BLOCK));
            return start;
        }
        Long fit = open.ceiling((long) size << 40);
        long block;
        int used;
        if (fit == null) {
            block = blocks++;
            used = 0;
        } else {
            open.remove(fit);
            block = fit & ((1L << 40) - 1);
            used = BLOCK - (int) (fit >>> 40);
        }
        markOpen(block, align(used + size));
        return block * BLOCK + used;
    }

    /** Blocks the area spans so far. */
    long blocks() {
        return blocks;
    }

    private void markOpen(long block, int used) {
        if (BLOCK - used >= ALIGNMENT) {
            open.add((long) (BLOCK - used) << 40 | block);
        }
    }

    private static int align(int n) {
        return (n + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
