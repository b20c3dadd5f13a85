package dev.slipway.gpt;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtectiveMbrTest {

    /** Bytes 440-511 of LBA 0 as sfdisk 2.38.1 ({@code label: gpt}) wrote them on a 6 GiB disk. */
    private static final byte[] SFDISK_6_GIB_TAIL = HexFormat.of().parseHex("00000000" + "0000" // disk signature, reserved
            + "00" + "000200" + "ee" + "ffffff" + "01000000" + "ffffbf00" // boot flag, CHS, 0xEE, CHS, LBA 1, size
            + "00".repeat(48) + "55aa");

    @Test
    void matchesSfdiskOnASixGibDisk() {
        byte[] sector = new ProtectiveMbr(6L * 1024 * 1024 * 2).encode();
        assertArrayEquals(new byte[ProtectiveMbr.OFFSET_DISK_SIGNATURE], Arrays.copyOf(sector, 440));
        assertArrayEquals(SFDISK_6_GIB_TAIL, Arrays.copyOfRange(sector, 440, 512));
        assertTrue(ProtectiveMbr.problem(sector).isEmpty());
    }

    @Test
    void sizeIsCappedAt32Bits() {
        assertEquals(0xFFFF_FFFFL, new ProtectiveMbr(1L << 33).sizeInLba());
        assertEquals(0xFFFF_FFFFL, new ProtectiveMbr(0x1_0000_0000L).sizeInLba());
        assertEquals(0xFFFF_FFFEL, new ProtectiveMbr(0xFFFF_FFFFL).sizeInLba());
        byte[] sector = new ProtectiveMbr(1L << 33).encode();
        assertEquals(-1, Bytes.getIntLe(sector, ProtectiveMbr.OFFSET_PARTITION_RECORDS + ProtectiveMbr.RECORD_SIZE_IN_LBA));
        assertThrows(IllegalArgumentException.class, () -> new ProtectiveMbr(1));
    }

    @Test
    void namesWhatIsMissing() {
        assertTrue(ProtectiveMbr.problem(new byte[512]).orElseThrow().contains("no MBR boot signature 55 AA"));
        byte[] plainMbr = new ProtectiveMbr(1000).encode();
        plainMbr[ProtectiveMbr.OFFSET_PARTITION_RECORDS + ProtectiveMbr.RECORD_OS_TYPE] = (byte) 0x83;
        assertTrue(ProtectiveMbr.problem(plainMbr).orElseThrow().contains("no partition of type 0xEE"));
        byte[] hybrid = plainMbr.clone();
        hybrid[ProtectiveMbr.OFFSET_PARTITION_RECORDS + 3 * 16 + ProtectiveMbr.RECORD_OS_TYPE] = (byte) 0xEE;
        assertTrue(ProtectiveMbr.problem(hybrid).isEmpty());
    }
}
