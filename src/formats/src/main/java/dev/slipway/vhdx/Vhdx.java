package dev.slipway.vhdx;

/**
 * Where [MS-VHDX] fixes things: the 1 MiB header section holds the file type identifier at 0, the
 * two headers at 64 and 128 KiB, the two region table copies at 192 and 256 KiB. Everything else
 * (log, regions, payload blocks) is placed by the writer at 1 MiB-aligned offsets.
 */
public final class Vhdx {

    public static final int MIB = 1 << 20;
    public static final int HEADER_SECTION_SIZE = MIB;
    public static final int FILE_IDENTIFIER_OFFSET = 0;
    public static final int HEADER_1_OFFSET = 64 * 1024;
    public static final int HEADER_2_OFFSET = 128 * 1024;
    public static final int REGION_TABLE_1_OFFSET = 192 * 1024;
    public static final int REGION_TABLE_2_OFFSET = 256 * 1024;
    /** The largest virtual disk the format allows, 64 TiB. */
    public static final long MAX_VIRTUAL_DISK_SIZE = 64L << 40;
    public static final int MIN_BLOCK_SIZE = MIB;
    public static final int MAX_BLOCK_SIZE = 256 * MIB;

    private Vhdx() {
    }
}
