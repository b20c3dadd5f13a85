package dev.slipway.vhdx;

import java.util.zip.CRC32C;

/** CRC-32C (Castagnoli) as [MS-VHDX] uses it: over a whole structure with its checksum field zero. */
final class Checksums {

    private Checksums() {
    }

    /** The checksum of {@code bytes[0, length)} with the four bytes at {@code field} taken as zero. */
    static int crc32c(byte[] bytes, int length, int field) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, field);
        crc.update(new byte[4]);
        crc.update(bytes, field + 4, length - field - 4);
        return (int) crc.getValue();
    }
}
