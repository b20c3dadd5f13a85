package dev.slipway.vhdx;

/**
 * One 64-bit entry of the block allocation table: the state in bits 0-2, 17 reserved bits, and the
 * block's file offset in MiB in bits 20-63.
 *
 * @param state        one of the {@code PAYLOAD_*} or {@code SECTOR_BITMAP_*} states
 * @param fileOffsetMb where the block is, in MiB; 0 when it is not in the file
 */
public record BatEntry(int state, long fileOffsetMb) {

    public static final int STATE_BITS = 3;
    public static final int FILE_OFFSET_SHIFT = 20;
    public static final long STATE_MASK = (1 << STATE_BITS) - 1;

    public static final int PAYLOAD_BLOCK_NOT_PRESENT = 0;
    public static final int PAYLOAD_BLOCK_UNDEFINED = 1;
    /** Reads MUST return zeros: what Slipway writes for all-zero blocks. */
    public static final int PAYLOAD_BLOCK_ZERO = 2;
    public static final int PAYLOAD_BLOCK_UNMAPPED = 3;
    public static final int PAYLOAD_BLOCK_FULLY_PRESENT = 6;
    /** Differencing disks only. */
    public static final int PAYLOAD_BLOCK_PARTIALLY_PRESENT = 7;
    public static final int SECTOR_BITMAP_BLOCK_NOT_PRESENT = 0;
    public static final int SECTOR_BITMAP_BLOCK_PRESENT = 6;

    /** Entries that name no block. */
    public static final BatEntry ZERO = new BatEntry(PAYLOAD_BLOCK_ZERO, 0);
    public static final BatEntry SECTOR_BITMAP_NOT_PRESENT = new BatEntry(SECTOR_BITMAP_BLOCK_NOT_PRESENT, 0);

    public BatEntry {
        if (state < 0 || state > STATE_MASK || fileOffsetMb < 0 || fileOffsetMb >= 1L << (64 - FILE_OFFSET_SHIFT)) {
            throw new IllegalArgumentException("BAT entry state " + state + ", offset " + fileOffsetMb + " MiB out of range");
        }
    }

    /** A payload block fully present at {@code fileOffset}, a multiple of 1 MiB. */
    public static BatEntry present(long fileOffset) {
        if (fileOffset % Vhdx.MIB != 0) {
            throw new IllegalArgumentException("payload block offset " + fileOffset + " is not a multiple of 1 MiB");
        }
        return new BatEntry(PAYLOAD_BLOCK_FULLY_PRESENT, fileOffset / Vhdx.MIB);
    }

    public long encode() {
        return fileOffsetMb << FILE_OFFSET_SHIFT | state;
    }

    /** The entry; reserved bits are ignored, as the specification asks of readers. */
    public static BatEntry decode(long value) {
        return new BatEntry((int) (value & STATE_MASK), value >>> FILE_OFFSET_SHIFT);
    }

    public long fileOffset() {
        return fileOffsetMb * Vhdx.MIB;
    }
}
