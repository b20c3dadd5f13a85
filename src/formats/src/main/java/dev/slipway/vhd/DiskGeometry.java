package dev.slipway.vhd;

/**
 * The cylinder/head/sector geometry in a VHD footer, which old BIOS-era readers use to size the
 * disk. Stored as a 16-bit cylinder count, an 8-bit head count and an 8-bit sectors-per-track
 * count, big-endian.
 */
public record DiskGeometry(int cylinders, int heads, int sectorsPerTrack) {

    /** The largest geometry the field can hold, 65535 × 16 × 255 sectors (about 127 GiB). */
    private static final long MAX_SECTORS = 65535L * 16 * 255;

    public DiskGeometry {
        if (cylinders < 0 || cylinders > 0xFFFF || heads < 0 || heads > 0xFF || sectorsPerTrack < 0
                || sectorsPerTrack > 0xFF) {
            throw new IllegalArgumentException("geometry " + cylinders + "/" + heads + "/" + sectorsPerTrack
                    + " does not fit 16/8/8 bits");
        }
    }

    /**
     * The geometry the VHD specification's algorithm (appendix "CHS Calculation") gives for a disk
     * of {@code size} bytes: 17, 31, 63 or 255 sectors per track, at least 4 heads, and the disk
     * capped at 65535 × 16 × 255 sectors. Cylinders × heads × sectors may be less than the size;
     * readers that trust the current-size field do not care.
     */
    public static DiskGeometry forSize(long size) {
        long totalSectors = Math.min(size / 512, MAX_SECTORS);
        long sectorsPerTrack;
        long heads;
        long cylinderTimesHeads;
        if (totalSectors >= 65535L * 16 * 63) {
            sectorsPerTrack = 255;
            heads = 16;
            cylinderTimesHeads = totalSectors / sectorsPerTrack;
        } else {
            sectorsPerTrack = 17;
            cylinderTimesHeads = totalSectors / sectorsPerTrack;
            heads = Math.max(4, (cylinderTimesHeads + 1023) / 1024);
            if (cylinderTimesHeads >= heads * 1024 || heads > 16) {
                sectorsPerTrack = 31;
                heads = 16;
                cylinderTimesHeads = totalSectors / sectorsPerTrack;
            }
            if (cylinderTimesHeads >= heads * 1024) {
                sectorsPerTrack = 63;
                heads = 16;
                cylinderTimesHeads = totalSectors / sectorsPerTrack;
            }
        }
        return new DiskGeometry((int) (cylinderTimesHeads / heads), (int) heads, (int) sectorsPerTrack);
    }

    /** The 4-byte field as a big-endian int. */
    public int encode() {
        return cylinders << 16 | heads << 8 | sectorsPerTrack;
    }

    public static DiskGeometry decode(int field) {
        return new DiskGeometry(field >>> 16, field >>> 8 & 0xFF, field & 0xFF);
    }

    /** Sectors the geometry addresses. */
    public long sectors() {
        return (long) cylinders * heads * sectorsPerTrack;
    }
}
