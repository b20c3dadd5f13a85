package dev.slipway.erofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.Timestamp;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InodeHeaderTest {

    @Test
    void compactInlineFileMatchesMkfsErofs() {
        // mkfs.erofs 1.5 wrote exactly these bytes for a 5000-byte 0644 file, tail inline, block 1, ino 3.
        InodeHeader inode = new InodeHeader(false, InodeHeader.FLAT_INLINE, 0, 0100644, 1, 5000, 1, 3, 0, 0,
                Timestamp.UNIX_EPOCH);
        assertEquals("0400" + "0000" + "a481" + "0100" + "88130000" + "00000000" + "01000000" + "03000000"
                + "0000" + "0000" + "00000000", encode(inode));
    }

    @Test
    void compactDeviceCarriesRdev() {
        int rdev = (5 & 0xFF) | (4 << 8);
        InodeHeader inode = new InodeHeader(false, InodeHeader.FLAT_PLAIN, 0, 020644, 1, 0, rdev, 2, 65535, 7,
                Timestamp.UNIX_EPOCH);
        assertEquals("0000" + "0000" + "a421" + "0100" + "00000000" + "00000000" + "05040000" + "02000000"
                + "ffff" + "0700" + "00000000", encode(inode));
    }

    @Test
    void extendedInodeHasItsOwnTimeAndWideFields() {
        InodeHeader inode = new InodeHeader(true, InodeHeader.FLAT_PLAIN, 5, 0104755, 70_000, 0x1_0000_0001L, 0x10,
                0x12345, 100_000, 0xFFFF_FFFEL, new Timestamp(-2, 999_999_999));
        assertEquals("0100" + "0500" + "ed89" + "0000" + "0100000001000000" + "10000000" + "45230100"
                + "a0860100" + "feffffff" + "feffffffffffffff" + "ffc99a3b" + "70110100"
                + "00000000000000000000000000000000", encode(inode));
    }

    @Test
    void compactFormNeedsSmallIdsLinksAndSize() {
        assertTrue(InodeHeader.fitsCompact(65535, 65535, 65535, 0xFFFF_FFFFL));
        assertFalse(InodeHeader.fitsCompact(65536, 0, 1, 0));
        assertFalse(InodeHeader.fitsCompact(0, 65536, 1, 0));
        assertFalse(InodeHeader.fitsCompact(0, 0, 65536, 0));
        assertFalse(InodeHeader.fitsCompact(0, 0, 1, 0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> new InodeHeader(false, 0, 0, 0100644, 1, 0, 0, 1,
                70_000, 0, Timestamp.UNIX_EPOCH));
    }

    private static String encode(InodeHeader inode) {
        ByteBuffer buffer = ByteBuffer.allocate(inode.byteSize() + 8);
        buffer.position(4);
        inode.encode(buffer);
        assertEquals(4 + inode.byteSize(), buffer.position());
        byte[] bytes = new byte[inode.byteSize()];
        buffer.get(4, bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
