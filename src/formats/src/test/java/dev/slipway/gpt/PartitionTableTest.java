package dev.slipway.gpt;

import dev.slipway.testing.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static dev.slipway.gpt.TestTables.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing, reading and invariants, without external tools; damage is {@link GptDamageTest}'s. */
class PartitionTableTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackASparseSixGibDisk() throws IOException {
        Path disk = TestTables.sparseFile(dir.resolve("disk.img"), 6 * TestTables.GIB);
        PartitionTable table = TestTables.flatcarTable(6 * TestTables.GIB);
        TestTables.write(table, disk);
        ReadResult read = TestTables.read(disk);
        assertEquals(table, read.table());
        assertEquals(ReadResult.Copy.PRIMARY, read.source());
        assertTrue(read.clean(), read.problems()::toString);
        assertEquals(6 * TestTables.GIB, Files.size(disk));
        assertEquals(6 * TestTables.GIB, table.diskSize());
        // Still sparse: the MBR and the two GPTs are all that was written.
        long blocks = Long.parseLong(Command.run("stat", "-c", "%b", disk.toString()).check().out().trim());
        assertTrue(blocks * 512 <= 256 * 1024, blocks + " blocks allocated");
    }

    @Test
    void writesNothingButTheGptStructures() throws IOException {
        byte[] before = new byte[Math.toIntExact(8 * MIB)];
        Arrays.fill(before, (byte) 0x5A);
        Path disk = Files.write(dir.resolve("disk.img"), before);
        PartitionTable table = TestTables.smallTable(8 * MIB);
        TestTables.write(table, disk);
        byte[] after = Files.readAllBytes(disk);
        int end = before.length;
        assertRange(before, after, 0, 440, "boot code");
        assertRange(before, after, 34 * 512, end - 33 * 512, "everything between the GPTs");
        byte[] mbr = new ProtectiveMbr(end / 512).encode();
        assertArrayEquals(Arrays.copyOfRange(mbr, 440, 512), Arrays.copyOfRange(after, 440, 512));
        assertArrayEquals(table.primaryHeader().encode(), Arrays.copyOfRange(after, 512, 1024));
        assertArrayEquals(table.encodeEntries(), Arrays.copyOfRange(after, 1024, 34 * 512));
        assertArrayEquals(table.encodeEntries(), Arrays.copyOfRange(after, end - 33 * 512, end - 512));
        assertArrayEquals(table.backupHeader().encode(), Arrays.copyOfRange(after, end - 512, end));
    }

    private static void assertRange(byte[] before, byte[] after, int from, int to, String what) {
        assertEquals(-1, Arrays.mismatch(before, from, to, after, from, to), what + " changed");
    }

    @Test
    void growsAShortFileToTheDiskAndLeavesALongerOneLong() throws IOException {
        Path shortFile = Files.createFile(dir.resolve("short.img"));
        TestTables.write(TestTables.smallTable(8 * MIB), shortFile);
        assertEquals(8 * MIB, Files.size(shortFile));
        assertTrue(TestTables.read(shortFile).clean());

        Path longFile = TestTables.sparseFile(dir.resolve("long.img"), 8 * MIB + 512);
        TestTables.write(TestTables.smallTable(8 * MIB), longFile);
        assertEquals(8 * MIB + 512, Files.size(longFile));
        try (FileChannel channel = FileChannel.open(longFile, StandardOpenOption.READ)) {
            assertTrue(PartitionTable.read(channel, 8 * MIB).clean());
        }
    }

    @Test
    void attributeChangesTouchOneEntry() {
        PartitionTable table = TestTables.smallTable(8 * MIB);
        PartitionTable changed = table.withSlot(4, new SlotAttributes(2, 1, false));
        assertEquals(new SlotAttributes(2, 1, false), changed.partition(4).orElseThrow().slot());
        assertEquals(table.partition(3), changed.partition(3));
        assertEquals(table.partition(6), changed.partition(6));
        assertEquals(0x0012_0000_0000_0000L, changed.partition(4).orElseThrow().attributes());
        assertEquals(PartitionEntry.ATTRIBUTE_REQUIRED | 0x0101_0000_0000_0000L,
                table.withAttributes(3, table.partition(3).orElseThrow().attributes() | 1).partition(3)
                        .orElseThrow().attributes());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> table.withSlot(5, SlotAttributes.NONE));
        assertTrue(missing.getMessage().contains("no partition 5 in this table (it has [3, 4, 6])"), missing.getMessage());
    }

    @Test
    void refusesTablesThatBreakTheInvariants() {
        PartitionEntry a = new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA, TestTables.unique(1), 2048, 4095, 0, "A");
        PartitionEntry b = new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA, TestTables.unique(2), 4095, 6143, 0, "B");
        assertMessage(Map.of(1, a, 2, b), "partition 2 (B, from sector 4095) overlaps partition 1 (A, to sector 4095)");
        assertMessage(Map.of(0, a), "partition number 0 is not between 1 and 128");
        assertMessage(Map.of(129, a), "partition number 129 is not between 1 and 128");
        assertMessage(Map.of(1, PartitionEntry.UNUSED), "partition 1 has no type");
        PartitionEntry early = new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA, Guid.ZERO, 33, 100, 0, "early");
        assertMessage(Map.of(1, early), "partition 1 (early, sectors 33 to 100) is not within the usable sectors 34 to 16350");
        PartitionEntry late = new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA, Guid.ZERO, 2048, 16351, 0, "late");
        assertMessage(Map.of(1, late), "is not within the usable sectors");
        PartitionEntry inverted = new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA, Guid.ZERO, 3000, 2999, 0, "inv");
        assertMessage(Map.of(1, inverted), "is not within the usable sectors");
        assertThrows(IllegalArgumentException.class, () -> PartitionTable.create(8 * MIB + 1, Guid.ZERO, Map.of()));
    }

    private static void assertMessage(Map<Integer, PartitionEntry> partitions, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartitionTable.create(8 * MIB, Guid.ZERO, partitions));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void standardGeometry() {
        TableGeometry g = TableGeometry.standard(16384);
        assertEquals(new TableGeometry(128, 2, 34, 16350, 16351, 16383), g);
        assertEquals(32, g.arraySectors());
        assertEquals(16384, g.minimumDiskSectors());
        assertEquals(new TableGeometry(56, 2, 16, 16368, 16369, 16383), TableGeometry.standard(16384, 56));
        assertThrows(IllegalArgumentException.class, () -> TableGeometry.standard(67));
        assertEquals(34, TableGeometry.standard(68).lastUsableLba());
    }

    @Test
    void tableWithOtherEntryCountRoundTrips() throws IOException {
        PartitionEntry entry = new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA, TestTables.unique(1), 2048, 4095, 0, "x");
        PartitionTable table = new PartitionTable(TestTables.DISK_GUID, TableGeometry.standard(16384, 56),
                new TreeMap<>(Map.of(56, entry)));
        Path disk = TestTables.sparseFile(dir.resolve("disk.img"), 8 * MIB);
        TestTables.write(table, disk);
        ReadResult read = TestTables.read(disk);
        assertTrue(read.clean(), read.problems()::toString);
        assertEquals(table, read.table());
    }
}
