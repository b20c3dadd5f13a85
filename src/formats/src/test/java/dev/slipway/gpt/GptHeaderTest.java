package dev.slipway.gpt;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Headers against the bytes sgdisk 1.0.9 wrote on a 16 MiB disk (32768 sectors). */
class GptHeaderTest {

    static final long DISK_SIZE = 16 << 20;
    static final Guid DISK_GUID = Guid.parse("01234567-89AB-CDEF-0123-456789ABCDEF");

    /** {@code sgdisk -o -U 01234567-89AB-CDEF-0123-456789ABCDEF}: no partitions. */
    static final byte[] EMPTY_PRIMARY = sector("4546492050415254" + "00000100" + "5c000000" + "5fea8ed0" + "00000000"
            + "0100000000000000" + "ff7f000000000000" + "2200000000000000" + "de7f000000000000"
            + "67452301ab89efcd0123456789abcdef" + "0200000000000000" + "80000000" + "80000000" + "86d254ab");

    /** Then {@link PartitionEntryTest#SGDISK_ENTRY} added as partition 1. */
    static final byte[] ONE_PARTITION_PRIMARY = sector("4546492050415254" + "00000100" + "5c000000" + "f97ca4f3"
            + "00000000" + "0100000000000000" + "ff7f000000000000" + "2200000000000000" + "de7f000000000000"
            + "67452301ab89efcd0123456789abcdef" + "0200000000000000" + "80000000" + "80000000" + "eda5b542");

    static final byte[] ONE_PARTITION_BACKUP = sector("4546492050415254" + "00000100" + "5c000000" + "472d520a"
            + "00000000" + "ff7f000000000000" + "0100000000000000" + "2200000000000000" + "de7f000000000000"
            + "67452301ab89efcd0123456789abcdef" + "df7f000000000000" + "80000000" + "80000000" + "eda5b542");

    private static byte[] sector(String hex) {
        return Arrays.copyOf(HexFormat.of().parseHex(hex), PartitionTable.SECTOR_SIZE);
    }

    private static PartitionTable onePartition() {
        return PartitionTable.create(DISK_SIZE, DISK_GUID, Map.of(1, PartitionEntryTest.SGDISK_FIELDS));
    }

    @Test
    void emptyTableHeaderIsSgdisks() {
        // CRC-32 of 16384 zero bytes: the empty array.
        assertEquals(0xAB54D286, PartitionTable.create(DISK_SIZE, DISK_GUID, Map.of()).entriesCrc());
        GptHeader header = TableGeometry.standard(DISK_SIZE / 512).primaryHeader(DISK_GUID, 0xAB54D286);
        assertArrayEquals(EMPTY_PRIMARY, header.encode());
        assertEquals(0xD08EEA5F, header.headerCrc());
    }

    @Test
    void oneEntryTableHeadersAreSgdisks() {
        PartitionTable table = onePartition();
        assertEquals(0x42B5A5ED, table.entriesCrc());
        assertArrayEquals(ONE_PARTITION_PRIMARY, table.primaryHeader().encode());
        assertArrayEquals(ONE_PARTITION_BACKUP, table.backupHeader().encode());
    }

    @Test
    void decodesEveryField() throws GptException {
        GptHeader header = GptHeader.decode(ONE_PARTITION_BACKUP, "backup");
        assertEquals(GptHeader.REVISION_1_0, header.revision());
        assertEquals(92, header.headerSize());
        assertEquals(0x0A522D47, header.headerCrc());
        assertEquals(32767, header.currentLba());
        assertEquals(1, header.backupLba());
        assertEquals(34, header.firstUsableLba());
        assertEquals(32734, header.lastUsableLba());
        assertEquals(DISK_GUID, header.diskGuid());
        assertEquals(32735, header.entriesLba());
        assertEquals(128, header.entryCount());
        assertEquals(128, header.entrySize());
        assertEquals(0x42B5A5ED, header.entriesCrc());
        assertEquals(32, header.arraySectors());
        assertEquals(onePartition().backupHeader(), header);
        assertDoesNotThrow(() -> header.checkPlacement(32767, 32768, "backup"));
    }

    @Test
    void everyFlippedBitIsCaught() {
        for (int bit = 0; bit < GptHeader.SIZE * 8; bit++) {
            byte[] damaged = ONE_PARTITION_PRIMARY.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(GptException.class, () -> GptHeader.decode(damaged, "primary"), "bit " + bit);
        }
    }

    @Test
    void namesWhatIsWrong() {
        byte[] crc = ONE_PARTITION_PRIMARY.clone();
        crc[GptHeader.OFFSET_FIRST_USABLE_LBA] ^= 1;
        assertMessage(crc, "primary GPT header (LBA 1): header CRC is 0xf3a47cf9 but the header's bytes give");

        byte[] signature = ONE_PARTITION_PRIMARY.clone();
        signature[0] = 'X';
        assertMessage(signature, "no \"EFI PART\" signature (found 58 46 49");

        assertMessage(withCrc(GptHeader.OFFSET_REVISION, 0x0002_0000), "revision 0x20000");
        assertMessage(withCrc(GptHeader.OFFSET_HEADER_SIZE, 91), "header size 91 is not between 92 and 512");
        assertMessage(withCrc(GptHeader.OFFSET_ENTRY_SIZE, 256), "entry size 256 is not supported, only 128");
        assertMessage(withCrc(GptHeader.OFFSET_ENTRY_COUNT, 0), "0 entries is not between 1 and 32768");
    }

    @Test
    void crcCoversALargerHeaderSize() throws GptException {
        byte[] larger = ONE_PARTITION_PRIMARY.clone();
        Bytes.putIntLe(larger, GptHeader.OFFSET_HEADER_SIZE, 96);
        larger[95] = 7;
        Bytes.putIntLe(larger, GptHeader.OFFSET_HEADER_CRC, 0);
        Bytes.putIntLe(larger, GptHeader.OFFSET_HEADER_CRC, Bytes.crc32(larger, 0, 96));
        assertEquals(96, GptHeader.decode(larger, "primary").headerSize());
        larger[95] = 8;
        assertThrows(GptException.class, () -> GptHeader.decode(larger, "primary"));
    }

    @Test
    void placementMustFitTheDisk() throws GptException {
        GptHeader primary = GptHeader.decode(ONE_PARTITION_PRIMARY, "primary");
        assertDoesNotThrow(() -> primary.checkPlacement(1, 32768, "p"));
        assertPlacement(primary, 2, 32768, "says it is at LBA 1, but was read at LBA 2");
        assertPlacement(primary, 1, 32767, "the other header's LBA 32767 is not on this disk of 32767 sectors");
        GptHeader overlapping = new GptHeader(GptHeader.REVISION_1_0, 92, 0, 1, 32767, 33, 32734, DISK_GUID, 2,
                128, 128, 0);
        assertPlacement(overlapping, 1, 32768, "entry array at LBA 2 to 33 overlaps");
        GptHeader inverted = new GptHeader(GptHeader.REVISION_1_0, 92, 0, 1, 32767, 34, 20, DISK_GUID, 2, 128, 128, 0);
        assertPlacement(inverted, 1, 32768, "usable sectors 34 to 20 do not lie between the headers");
        GptHeader farArray = new GptHeader(GptHeader.REVISION_1_0, 92, 0, 1, 32767, 34, 32734, DISK_GUID,
                Long.MAX_VALUE - 2, 128, 128, 0);
        assertPlacement(farArray, 1, 32768, "entry array at LBA " + (Long.MAX_VALUE - 2));
    }

    private static byte[] withCrc(int offset, int value) {
        byte[] b = ONE_PARTITION_PRIMARY.clone();
        Bytes.putIntLe(b, offset, value);
        Bytes.putIntLe(b, GptHeader.OFFSET_HEADER_CRC, 0);
        Bytes.putIntLe(b, GptHeader.OFFSET_HEADER_CRC, Bytes.crc32(b, 0, 92));
        return b;
    }

    private static void assertMessage(byte[] sector, String expected) {
        GptException e = assertThrows(GptException.class, () -> GptHeader.decode(sector, "primary GPT header (LBA 1)"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertPlacement(GptHeader header, long lba, long sectors, String expected) {
        GptException e = assertThrows(GptException.class, () -> header.checkPlacement(lba, sectors, "h"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
