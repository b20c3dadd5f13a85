package dev.slipway.vhd;

import dev.slipway.disk.DiskImageException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VhdFooterTest {

    private static final UUID ID = UUID.fromString("12345678-1234-1234-1234-123456789abc");
    private static final long MIB = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    /** The footer Slipway writes for a 64 MiB disk at epoch 1700000000, field by field. */
    static byte[] expected64MiB() {
        byte[] b = new byte[512];
        put(b, 0, "636f6e6563746978");          // "conectix"
        put(b, 8, "00000002");                  // features: reserved bit
        put(b, 12, "00010000");                 // file format version 1.0
        put(b, 16, "ffffffffffffffff");         // data offset: none, fixed disk
        put(b, 24, "2ce6ad80");                 // 1700000000 - 946684800 seconds
        put(b, 28, "77696e20");                 // "win "
        put(b, 32, "000a0000");                 // creator version 10.0
        put(b, 36, "5769326b");                 // "Wi2k"
        put(b, 40, "0000000004000000");         // original size 64 MiB
        put(b, 48, "0000000004000000");         // current size 64 MiB
        put(b, 56, "03c30811");                 // 963 cylinders, 8 heads, 17 sectors
        put(b, 60, "00000002");                 // fixed
        put(b, 64, "ffffea5a");                 // ~(byte sum), computed apart in Python
        put(b, 68, "12345678123412341234123456789abc");
        return b;                               // saved state 0, reserved zero
    }

    /** The last 512 bytes of {@code qemu-img convert -O vpc -o subformat=fixed,force_size=on} (qemu 7.2), 64 MiB. */
    static byte[] qemuFooter() {
        byte[] b = new byte[512];
        put(b, 0, "636f6e65637469780000000200010000" + "ffffffffffffffff32971d3771656d32"
                + "000500035769326b0000000004000000" + "0000000004000000ffff10ff00000002"
                + "ffffe59b36e0543e7bde4b97b872c82e" + "04e9fe10");
        return b;
    }

    private static void put(byte[] target, int offset, String hex) {
        byte[] bytes = HEX.parseHex(hex);
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Test
    void encodesKnownBytes() {
        assertArrayEquals(expected64MiB(), VhdFooter.fixed(64 * MIB, 1_700_000_000L, ID).encode());
    }

    @Test
    void decodesFieldByField() throws DiskImageException {
        VhdFooter f = VhdFooter.decode(expected64MiB());
        assertEquals(VhdFooter.FEATURES_RESERVED, f.features());
        assertEquals(0x0001_0000, f.formatVersion());
        assertEquals(-1L, f.dataOffset());
        assertEquals(1_700_000_000L - 946_684_800L, f.timeStamp());
        assertEquals("win ", f.creatorApplication());
        assertEquals(0x000A_0000, f.creatorVersion());
        assertEquals("Wi2k", f.creatorHostOs());
        assertEquals(64 * MIB, f.originalSize());
        assertEquals(64 * MIB, f.currentSize());
        assertEquals(new DiskGeometry(963, 8, 17), f.geometry());
        assertEquals(VhdFooter.DISK_TYPE_FIXED, f.diskType());
        assertEquals(ID, f.uniqueId());
        assertFalse(f.savedState());
        assertEquals(VhdFooter.fixed(64 * MIB, 1_700_000_000L, ID), f);
    }

    @Test
    void decodesQemusFooter() throws DiskImageException {
        VhdFooter f = VhdFooter.decode(qemuFooter());
        assertEquals("qem2", f.creatorApplication());
        assertEquals(0x0005_0003, f.creatorVersion());
        assertEquals(0x32971d37L, f.timeStamp());
        assertEquals(new DiskGeometry(65535, 16, 255), f.geometry());
        assertEquals(64 * MIB, f.currentSize());
        assertEquals(UUID.fromString("36e0543e-7bde-4b97-b872-c82e04e9fe10"), f.uniqueId());
        assertArrayEquals(qemuFooter(), f.encode(), "re-encoding gives qemu's bytes, checksum included");
    }

    @Test
    void refusesABadChecksumNamingBothValues() {
        byte[] bytes = expected64MiB();
        bytes[OFFSET_SIZE_LOW] ^= 1;
        DiskImageException e = assertThrows(DiskImageException.class, () -> VhdFooter.decode(bytes));
        assertTrue(e.getMessage().contains("checksum mismatch: stored 0xffffea5a"), e.getMessage());
    }

    private static final int OFFSET_SIZE_LOW = VhdFooter.OFFSET_CURRENT_SIZE + 7;

    @Test
    void refusesAMissingCookieAndShortInput() {
        byte[] bytes = expected64MiB();
        bytes[0] = 'C';
        assertTrue(assertThrows(DiskImageException.class, () -> VhdFooter.decode(bytes)).getMessage().contains("conectix"));
        assertTrue(assertThrows(DiskImageException.class, () -> VhdFooter.decode(new byte[100])).getMessage()
                .contains("512"));
    }

    @Test
    void timeStampsCountFrom2000() {
        assertEquals(0, VhdFooter.timeStampOf(946_684_800L));
        assertEquals(0xFFFF_FFFFL, VhdFooter.timeStampOf(946_684_800L + 0xFFFF_FFFFL));
        assertThrows(IllegalArgumentException.class, () -> VhdFooter.timeStampOf(946_684_799L));
        assertThrows(IllegalArgumentException.class, () -> VhdFooter.fixed(1000, 1_700_000_000L, ID));
    }
}
