package dev.slipway.vhd;

import dev.slipway.disk.DiskImageException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The 512-byte footer of a VHD ("Virtual Hard Disk Image Format Specification", Microsoft, 2006),
 * the last 512 bytes of a fixed VHD. All fields are big-endian. The checksum is not a component:
 * {@link #encode()} computes it and {@link #decode(byte[])} checks it.
 *
 * @param features           feature bits; bit 1 (0x2) is reserved and always set
 * @param formatVersion      file format version, 0x00010000
 * @param dataOffset         offset of the dynamic disk header; all ones for a fixed disk
 * @param timeStamp          creation time, seconds since 2000-01-01 00:00:00 UTC (unsigned 32 bits)
 * @param creatorApplication four characters naming the writer ("win " is Hyper-V)
 * @param creatorVersion     the writer's version, major in the high 16 bits
 * @param creatorHostOs      four characters naming the host OS ("Wi2k" is Windows)
 * @param originalSize       the disk's size when created, in bytes
 * @param currentSize        the disk's size now, in bytes
 * @param geometry           cylinders, heads and sectors per track
 * @param diskType           2 fixed, 3 dynamic, 4 differencing
 * @param uniqueId           identifies the disk; stored as its 16 bytes in textual order
 * @param savedState         whether the disk is in a saved state (always false here)
 */
public record VhdFooter(int features, int formatVersion, long dataOffset, long timeStamp, String creatorApplication,
                        int creatorVersion, String creatorHostOs, long originalSize, long currentSize,
                        DiskGeometry geometry, int diskType, UUID uniqueId, boolean savedState) {

    public static final int SIZE = 512;
    public static final int OFFSET_COOKIE = 0;
    public static final int OFFSET_FEATURES = 8;
    public static final int OFFSET_FORMAT_VERSION = 12;
    public static final int OFFSET_DATA_OFFSET = 16;
    public static final int OFFSET_TIME_STAMP = 24;
    public static final int OFFSET_CREATOR_APPLICATION = 28;
    public static final int OFFSET_CREATOR_VERSION = 32;
    public static final int OFFSET_CREATOR_HOST_OS = 36;
    public static final int OFFSET_ORIGINAL_SIZE = 40;
    public static final int OFFSET_CURRENT_SIZE = 48;
    public static final int OFFSET_DISK_GEOMETRY = 56;
    public static final int OFFSET_DISK_TYPE = 60;
    public static final int OFFSET_CHECKSUM = 64;
    public static final int OFFSET_UNIQUE_ID = 68;
    public static final int OFFSET_SAVED_STATE = 84;
    /** 427 reserved bytes to the end, zero. */
    public static final int OFFSET_RESERVED = 85;

    public static final int FEATURES_RESERVED = 0x2;
    public static final int FORMAT_VERSION = 0x0001_0000;
    public static final long FIXED_DATA_OFFSET = 0xFFFF_FFFF_FFFF_FFFFL;
    public static final int DISK_TYPE_FIXED = 2;
    public static final int DISK_TYPE_DYNAMIC = 3;
    public static final int DISK_TYPE_DIFFERENCING = 4;
    /** 2000-01-01T00:00:00Z in Unix seconds: time stamps count from it. */
    public static final long TIME_STAMP_EPOCH = 946_684_800L;

    /**
     * Hyper-V's creator application. qemu (7.2) sizes a fixed VHD by the current-size field only for
     * "win ", "d2v " and "qem2" and by the geometry otherwise, which rounds the size down; Hyper-V
     * and Azure read the current size. So Slipway writes what Hyper-V writes.
     */
    public static final String CREATOR_HYPER_V = "win ";
    /** Version 10.0, as the Windows 10 / Server 2016 generation of Hyper-V; informational only. */
    public static final int CREATOR_VERSION = 0x000A_0000;
    public static final String HOST_OS_WINDOWS = "Wi2k";

    private static final byte[] COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);

    public VhdFooter {
        checkCode("creator application", creatorApplication);
        checkCode("creator host OS", creatorHostOs);
        if (timeStamp < 0 || timeStamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("VHD time stamp " + timeStamp + " does not fit 32 unsigned bits");
        }
        if (geometry == null || uniqueId == null) {
            throw new IllegalArgumentException("geometry and unique id must not be null");
        }
    }

    /**
     * The footer of a fixed VHD of {@code size} bytes as Slipway writes it: Hyper-V's creator
     * fields, geometry per the specification, time stamp from {@code epochSeconds} (the build's
     * epoch, never the clock), not in a saved state.
     *
     * @param epochSeconds Unix time, at or after 2000-01-01 and before 2136-02-07
     */
    public static VhdFooter fixed(long size, long epochSeconds, UUID uniqueId) {
        if (size <= 0 || size % 512 != 0) {
            throw new IllegalArgumentException("VHD size " + size + " is not a positive multiple of 512");
        }
        return new VhdFooter(FEATURES_RESERVED, FORMAT_VERSION, FIXED_DATA_OFFSET, timeStampOf(epochSeconds),
                CREATOR_HYPER_V, CREATOR_VERSION, HOST_OS_WINDOWS, size, size, DiskGeometry.forSize(size),
                DISK_TYPE_FIXED, uniqueId, false);
    }

    /** The time stamp field for a Unix time. */
    public static long timeStampOf(long epochSeconds) {
        long stamp = epochSeconds - TIME_STAMP_EPOCH;
        if (stamp < 0 || stamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("epoch " + epochSeconds + " is outside what a VHD time stamp holds "
                    + "(2000-01-01 to 2136-02-07)");
        }
        return stamp;
    }

    /** The 512 bytes, checksum included. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put(OFFSET_COOKIE, COOKIE);
        b.putInt(OFFSET_FEATURES, features);
        b.putInt(OFFSET_FORMAT_VERSION, formatVersion);
        b.putLong(OFFSET_DATA_OFFSET, dataOffset);
        b.putInt(OFFSET_TIME_STAMP, (int) timeStamp);
        b.put(OFFSET_CREATOR_APPLICATION, creatorApplication.getBytes(StandardCharsets.ISO_8859_1));
        b.putInt(OFFSET_CREATOR_VERSION, creatorVersion);
        b.put(OFFSET_CREATOR_HOST_OS, creatorHostOs.getBytes(StandardCharsets.ISO_8859_1));
        b.putLong(OFFSET_ORIGINAL_SIZE, originalSize);
        b.putLong(OFFSET_CURRENT_SIZE, currentSize);
        b.putInt(OFFSET_DISK_GEOMETRY, geometry.encode());
        b.putInt(OFFSET_DISK_TYPE, diskType);
        b.putLong(OFFSET_UNIQUE_ID, uniqueId.getMostSignificantBits());
        b.putLong(OFFSET_UNIQUE_ID + 8, uniqueId.getLeastSignificantBits());
        b.put(OFFSET_SAVED_STATE, (byte) (savedState ? 1 : 0));
        b.putInt(OFFSET_CHECKSUM, checksum(b.array()));
        return b.array();
    }

    /**
     * Parses and checks a footer: the cookie and the checksum must be right; every field is then
     * taken as it is (whether the disk type is usable is the reader's question).
     *
     * @throws DiskImageException naming the problem: too short, no cookie, checksum mismatch
     */
    public static VhdFooter decode(byte[] bytes) throws DiskImageException {
        if (bytes.length < SIZE) {
            throw new DiskImageException("a VHD footer needs " + SIZE + " bytes, got " + bytes.length);
        }
        if (!Arrays.equals(bytes, OFFSET_COOKIE, OFFSET_COOKIE + COOKIE.length, COOKIE, 0, COOKIE.length)) {
            throw new DiskImageException("no VHD footer: the cookie is "
                    + HexFormat.of().formatHex(bytes, OFFSET_COOKIE, OFFSET_COOKIE + COOKIE.length) + ", not \"conectix\"");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, SIZE);
        int stored = b.getInt(OFFSET_CHECKSUM);
        int computed = checksum(bytes);
        if (stored != computed) {
            throw new DiskImageException(String.format("VHD footer checksum mismatch: stored 0x%08x, computed 0x%08x "
                    + "(the footer is damaged)", stored, computed));
        }
        return new VhdFooter(b.getInt(OFFSET_FEATURES), b.getInt(OFFSET_FORMAT_VERSION), b.getLong(OFFSET_DATA_OFFSET),
                Integer.toUnsignedLong(b.getInt(OFFSET_TIME_STAMP)), code(bytes, OFFSET_CREATOR_APPLICATION),
                b.getInt(OFFSET_CREATOR_VERSION), code(bytes, OFFSET_CREATOR_HOST_OS), b.getLong(OFFSET_ORIGINAL_SIZE),
                b.getLong(OFFSET_CURRENT_SIZE), DiskGeometry.decode(b.getInt(OFFSET_DISK_GEOMETRY)),
                b.getInt(OFFSET_DISK_TYPE), new UUID(b.getLong(OFFSET_UNIQUE_ID), b.getLong(OFFSET_UNIQUE_ID + 8)),
                bytes[OFFSET_SAVED_STATE] != 0);
    }

    /** The one's complement of the sum of all footer bytes except the checksum field. */
    static int checksum(byte[] footer) {
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            if (i < OFFSET_CHECKSUM || i >= OFFSET_CHECKSUM + 4) {
                sum += footer[i] & 0xFF;
            }
        }
        return ~sum;
    }

    private static String code(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
    }

    private static void checkCode(String field, String code) {
        if (code == null || code.length() != 4 || !code.equals(new String(code.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1))) {
            throw new IllegalArgumentException("VHD " + field + " '" + code + "' is not 4 single-byte characters");
        }
    }
}
