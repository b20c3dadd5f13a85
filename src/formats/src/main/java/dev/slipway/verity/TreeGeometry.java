package dev.slipway.verity;

import java.util.Arrays;

/**
 * Where each level of a dm-verity hash tree lies, computed exactly as veritysetup and the kernel do.
 *
 * <p>Levels are numbered from the bottom: level 0 holds the digests of the data blocks, level
 * {@code levels() - 1} is a single hash block whose digest is the root hash. On disk the levels are
 * stored top level first, each a whole number of hash blocks, starting at {@link #treeOffset()}.
 * Within a level, the digest of block {@code i} of the level below sits at slot {@code i}; slots are
 * the digest size rounded up to a power of two (format version 1), zero-padded, and the unused end
 * of a level's last block is zero. One data block gives no levels at all: the root hash is the
 * digest of that block.
 *
 * <p>All offsets are absolute byte offsets in the file holding the tree.
 */
public final class TreeGeometry {

    private final int hashBlockSize;
    private final int digestSize;
    private final int slotSize;
    private final int digestsPerBlock;
    private final long dataBlocks;
    private final long treeOffset;
    private final long[] levelOffsets;
    private final long[] levelBlocks;

    private TreeGeometry(int hashBlockSize, int digestSize, long dataBlocks, long treeOffset) {
        VerityParameters.checkBlockSize("hash", hashBlockSize);
        if (digestSize < 1 || hashBlockSize / digestSize < 2) {
            throw new IllegalArgumentException("a " + hashBlockSize + "-byte hash block cannot hold two "
                    + digestSize + "-byte digests");
        }
        if (dataBlocks < 1) {
            throw new IllegalArgumentException("a verity tree covers at least 1 data block, not " + dataBlocks);
        }
        if (treeOffset < 0 || treeOffset % hashBlockSize != 0) {
            throw new IllegalArgumentException("tree offset " + treeOffset + " is not a multiple of the hash block size "
                    + hashBlockSize);
        }
        this.hashBlockSize = hashBlockSize;
        this.digestSize = digestSize;
        // veritysetup counts digests per block from the bare digest size but steps by the padded
        // slot; for power-of-two block sizes both give hashBlockSize / slotSize.
        this.slotSize = Integer.bitCount(digestSize) == 1 ? digestSize : Integer.highestOneBit(digestSize) << 1;
        this.digestsPerBlock = Integer.highestOneBit(hashBlockSize / digestSize);
        this.dataBlocks = dataBlocks;
        this.treeOffset = treeOffset;

        int bits = Integer.numberOfTrailingZeros(digestsPerBlock);
        int levels = 0;
        while (bits * levels < 64 && ((dataBlocks - 1) >>> (bits * levels)) != 0) {
            levels++;
        }
        levelOffsets = new long[levels];
        levelBlocks = new long[levels];
        long position = treeOffset;
        for (int level = levels - 1; level >= 0; level--) {
            int shift = (level + 1) * bits;
            // Blocks of level `level` = ceil(dataBlocks / digestsPerBlock^(level + 1)).
            long blocks = shift >= 64 ? 1 : ((dataBlocks - 1) >>> shift) + 1;
            levelOffsets[level] = position;
            levelBlocks[level] = blocks;
            position = Math.addExact(position, Math.multiplyExact(blocks, (long) hashBlockSize));
        }
    }

    /**
     * The geometry of a tree stored, without a superblock, from {@code treeOffset} (a multiple of
     * the hash block size) in its file.
     */
    public static TreeGeometry of(int hashBlockSize, int digestSize, long dataBlocks, long treeOffset) {
        return new TreeGeometry(hashBlockSize, digestSize, dataBlocks, treeOffset);
    }

    /**
     * The geometry veritysetup uses for a superblock at {@code hashOffset}: the tree starts at the
     * first hash block boundary after the 512-byte superblock.
     */
    public static TreeGeometry afterSuperblock(VerityParameters parameters, long hashOffset) {
        return of(parameters.hashBlockSize(), parameters.digestSize(), parameters.dataBlocks(),
                treeOffsetAfterSuperblock(hashOffset, parameters.hashBlockSize()));
    }

    /** The first hash block boundary at or after the end of a superblock at {@code hashOffset}. */
    public static long treeOffsetAfterSuperblock(long hashOffset, int hashBlockSize) {
        if (hashOffset < 0) {
            throw new IllegalArgumentException("negative hash offset " + hashOffset);
        }
        long superblockEnd = Math.addExact(hashOffset, VeritySuperblock.SIZE);
        return Math.ceilDiv(superblockEnd, hashBlockSize) * hashBlockSize;
    }

    /** Number of hash levels; 0 for a single data block. */
    public int levels() {
        return levelOffsets.length;
    }

    /** Byte offset of the first block of {@code level}. */
    public long levelOffset(int level) {
        return levelOffsets[level];
    }

    /** Number of hash blocks in {@code level}. */
    public long levelBlocks(int level) {
        return levelBlocks[level];
    }

    /** Number of entries (digests) in {@code level}: the number of blocks in the level below. */
    public long levelEntries(int level) {
        return level == 0 ? dataBlocks : levelBlocks[level - 1];
    }

    /**
     * Byte offset of the digest of block {@code index} of the level below {@code level} (of data
     * block {@code index} when {@code level} is 0). To check a single data block, hash it, compare
     * with the digest at {@code digestOffset(0, i)}, then check the hash block holding that digest
     * against {@code digestOffset(1, i / digestsPerBlock())}, and so on up to the root hash.
     */
    public long digestOffset(int level, long index) {
        if (index < 0 || index >= levelEntries(level)) {
            throw new IndexOutOfBoundsException("entry " + index + " of level " + level + " (" + levelEntries(level)
                    + " entries)");
        }
        return levelOffsets[level] + index * slotSize;
    }

    /** Byte offset of hash block {@code index} of {@code level}. */
    public long blockOffset(int level, long index) {
        if (index < 0 || index >= levelBlocks[level]) {
            throw new IndexOutOfBoundsException("block " + index + " of level " + level + " (" + levelBlocks[level]
                    + " blocks)");
        }
        return levelOffsets[level] + index * hashBlockSize;
    }

    /** Offset of the tree's first (top level's) block. */
    public long treeOffset() {
        return treeOffset;
    }

    /** Number of hash blocks in the tree, all levels; veritysetup dump's "Hash blocks". */
    public long hashBlocks() {
        return Arrays.stream(levelBlocks).sum();
    }

    /** Bytes the tree occupies. */
    public long treeSize() {
        return hashBlocks() * hashBlockSize;
    }

    /** Offset just past the tree's last block. */
    public long treeEnd() {
        return treeOffset + treeSize();
    }

    public long dataBlocks() {
        return dataBlocks;
    }

    public int hashBlockSize() {
        return hashBlockSize;
    }

    public int digestSize() {
        return digestSize;
    }

    /** Bytes between consecutive digests: the digest size rounded up to a power of two. */
    public int slotSize() {
        return slotSize;
    }

    public int digestsPerBlock() {
        return digestsPerBlock;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TreeGeometry[").append(dataBlocks).append(" data blocks");
        for (int level = levels() - 1; level >= 0; level--) {
            s.append(", level ").append(level).append(": ").append(levelBlocks[level]).append(" @ ")
                    .append(levelOffsets[level]);
        }
        return s.append(']').toString();
    }
}
