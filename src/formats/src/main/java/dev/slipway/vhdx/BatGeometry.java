package dev.slipway.vhdx;

/**
 * The shape of the block allocation table for a disk: how many payload blocks it has and where
 * their entries sit among the sector bitmap entries. A chunk is the part of the disk one 1 MiB
 * sector bitmap block describes (2^23 sectors); its {@link #chunkRatio()} payload entries are
 * followed by one sector bitmap entry.
 *
 * @param virtualDiskSize   bytes
 * @param blockSize         payload block size
 * @param logicalSectorSize 512 or 4096
 */
public record BatGeometry(long virtualDiskSize, int blockSize, int logicalSectorSize) {

    /** Sectors one sector bitmap block describes. */
    public static final long SECTORS_PER_BITMAP = 1L << 23;

    public BatGeometry(VhdxMetadata metadata) {
        this(metadata.virtualDiskSize(), metadata.blockSize(), metadata.logicalSectorSize());
    }

    /** Payload blocks per chunk: 2^23 × logical sector size / block size. */
    public long chunkRatio() {
        return SECTORS_PER_BITMAP * logicalSectorSize / blockSize;
    }

    /** Payload blocks needed to cover the disk. */
    public long payloadBlocks() {
        return Math.ceilDiv(virtualDiskSize, blockSize);
    }

    /**
     * Entries in the table of a fixed or dynamic disk: the payload entries and the sector bitmap
     * entries between them, ending with the last payload entry.
     */
    public long entries() {
        long blocks = payloadBlocks();
        return blocks + (blocks - 1) / chunkRatio();
    }

    /** The index of payload block {@code block}'s entry. */
    public long payloadIndex(long block) {
        return block + block / chunkRatio();
    }

    /** Whether the entry at {@code index} is a sector bitmap entry. */
    public boolean isSectorBitmap(long index) {
        return (index + 1) % (chunkRatio() + 1) == 0;
    }

    /** The BAT region's length: the entries rounded up to 1 MiB. */
    public long regionLength() {
        return Math.ceilDiv(entries() * 8, Vhdx.MIB) * (long) Vhdx.MIB;
    }
}
