package dev.slipway.vhdx;

import dev.slipway.disk.DiskIds;

import java.util.UUID;

/**
 * What a VHDX gets besides the disk's bytes. Nothing comes from the clock or a random source:
 * {@link #derived} takes the GUIDs from the build's seed.
 *
 * @param blockSize     payload block size, a power of two from 1 to 256 MiB
 * @param virtualDiskId the Virtual Disk ID metadata item
 * @param fileWriteGuid the headers' FileWriteGuid
 * @param dataWriteGuid the headers' DataWriteGuid
 */
public record VhdxOptions(int blockSize, UUID virtualDiskId, UUID fileWriteGuid, UUID dataWriteGuid) {

    /** Up to this many payload blocks the default block size stays at 1 MiB (a 1 TiB disk). */
    private static final long DEFAULT_MAX_BLOCKS = 1L << 20;

    public VhdxOptions {
        if (blockSize < Vhdx.MIN_BLOCK_SIZE || blockSize > Vhdx.MAX_BLOCK_SIZE || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("VHDX block size " + blockSize + " is not a power of two from 1 to 256 MiB");
        }
        if (virtualDiskId == null || fileWriteGuid == null || dataWriteGuid == null) {
            throw new IllegalArgumentException("VHDX GUIDs must not be null");
        }
    }

    /**
     * The options for a disk of {@code size} bytes under {@code seed}: the default block size and
     * GUIDs derived with {@link DiskIds} under the labels "disk-id" (the same id the VHD footer
     * gets), "vhdx-file-write" and "vhdx-data-write".
     */
    public static VhdxOptions derived(long size, byte[] seed) {
        return new VhdxOptions(defaultBlockSize(size), DiskIds.derive(seed, "disk-id"),
                DiskIds.derive(seed, "vhdx-file-write"), DiskIds.derive(seed, "vhdx-data-write"));
    }

    /**
     * 1 MiB, the smallest the format allows, so that a touched MiB of the disk costs one MiB of file
     * (Hyper-V's default is 32 MiB; small blocks suit Linux filesystems, which spread metadata over
     * the whole disk). Larger disks get the smallest power of two that keeps the table at 2^20
     * payload blocks, so the table stays small in memory.
     */
    public static int defaultBlockSize(long size) {
        int blockSize = Vhdx.MIN_BLOCK_SIZE;
        while (blockSize < Vhdx.MAX_BLOCK_SIZE && Math.ceilDiv(size, blockSize) > DEFAULT_MAX_BLOCKS) {
            blockSize *= 2;
        }
        return blockSize;
    }

    public VhdxOptions withBlockSize(int size) {
        return new VhdxOptions(size, virtualDiskId, fileWriteGuid, dataWriteGuid);
    }
}
