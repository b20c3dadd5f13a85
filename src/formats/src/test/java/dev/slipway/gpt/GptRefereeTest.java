package dev.slipway.gpt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.slipway.gpt.TestTables.GIB;
import static dev.slipway.gpt.TestTables.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our tables against sgdisk, sfdisk and cgpt: what we write they read exactly and find sound, and
 * what they write (cgpt's slot bits included) we read exactly.
 */
class GptRefereeTest {

    private static final Guid CHROMEOS_KERNEL = Guid.parse("FE3A2A5D-4F32-41A7-B725-ACCC3285A309");
    private static final long OTHER_BITS = PartitionEntry.ATTRIBUTE_REQUIRED
            | PartitionEntry.ATTRIBUTE_LEGACY_BIOS_BOOTABLE | 1L << 60;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTools() throws IOException {
        GptTools.assertInstalled();
    }

    private Path flatcarDisk() throws IOException {
        Path disk = TestTables.sparseFile(dir.resolve("flatcar.img"), 6 * GIB);
        TestTables.write(TestTables.flatcarTable(6 * GIB), disk);
        return disk;
    }

    /**
     * sgdisk -v says "No problems found." even when it had to load the backup; what it found on the
     * way goes to stderr ("Main header: ERROR"), so both streams are checked.
     */
    private static void assertSgdiskFindsNoProblems(Path disk) throws IOException {
        var result = GptTools.sgdisk(disk, "-v").check();
        String all = result.out() + result.err();
        assertTrue(result.out().contains("No problems found."), all);
        for (String alarm : List.of("Caution", "Warning", "ERROR", "Problem", "roblem:")) {
            assertTrue(!all.contains(alarm), all);
        }
    }

    @Test
    void sgdiskVerifiesOurFlatcarTable() throws IOException {
        assertSgdiskFindsNoProblems(flatcarDisk());
    }

    @Test
    void sfdiskShowsEveryPartitionExactly() throws IOException {
        Path disk = flatcarDisk();
        PartitionTable table = TestTables.flatcarTable(6 * GIB);
        GptTools.SfdiskTable shown = GptTools.sfdiskJson(disk);
        assertEquals("gpt", shown.table().get("label"));
        assertEquals(TestTables.DISK_GUID.toString(), shown.table().get("id"));
        assertEquals("34", shown.table().get("firstlba"));
        assertEquals(Long.toString(6 * GIB / 512 - 34), shown.table().get("lastlba"));
        assertEquals(table.partitions().size(), shown.partitions().size());
        for (Map<String, String> p : shown.partitions()) {
            String node = p.get("node");
            int number = Integer.parseInt(node.substring(disk.toString().length()));
            PartitionEntry entry = table.partition(number).orElseThrow(() -> new AssertionError("sfdisk shows " + node));
            assertEquals(Long.toString(entry.firstLba()), p.get("start"), node);
            assertEquals(Long.toString(entry.sectors()), p.get("size"), node);
            assertEquals(entry.type().toString(), p.get("type"), node);
            assertEquals(entry.unique().toString(), p.get("uuid"), node);
            assertEquals(entry.name(), p.get("name"), node);
            assertEquals(number == 3 ? "GUID:48,56" : null, p.get("attrs"), node);
        }
    }

    @Test
    void cgptReadsOurSlotBits() throws IOException {
        Path disk = flatcarDisk();
        assertEquals(List.of("1", "0", "1"), slot(disk, 3));
        assertEquals(List.of("0", "0", "0"), slot(disk, 4));
        assertEquals(FlatcarLayout.USR_A.fixedUnique().orElseThrow().toString(), GptTools.cgptShow(disk, 3, "-u"));
        assertEquals("USR-B", GptTools.cgptShow(disk, 4, "-l"));
        assertEquals(FlatcarLayout.TYPE_FLATCAR_USR.toString(), GptTools.cgptShow(disk, 4, "-t"));
    }

    /** Priority, tries and successful as {@code cgpt show -P, -T, -S} print them. */
    private static List<String> slot(Path disk, int number) throws IOException {
        return List.of(GptTools.cgptShow(disk, number, "-P"), GptTools.cgptShow(disk, number, "-T"),
                GptTools.cgptShow(disk, number, "-S"));
    }

    @Test
    void inPlaceSlotUpdateIsSeenBySgdiskSfdiskAndCgpt() throws IOException {
        Path disk = flatcarDisk();
        PartitionTable before = TestTables.read(disk).table();
        PartitionTable after = before.withSlot(4, new SlotAttributes(2, 1, false)).withSlot(3, new SlotAttributes(1, 0, true));
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            after.updateInPlace(channel);
        }
        assertSgdiskFindsNoProblems(disk);
        assertEquals(List.of("2", "1", "0"), slot(disk, 4));
        assertEquals(List.of("1", "0", "1"), slot(disk, 3));
        assertEquals("GUID:49,52", GptTools.sfdiskJson(disk).partitions().get(3).get("attrs"));
    }

    @Test
    void damagedPrimaryReadsFromTheBackupAndInPlaceUpdateRepairsIt() throws IOException {
        Path disk = flatcarDisk();
        TestTables.flipByte(disk, 512 + GptHeader.OFFSET_FIRST_USABLE_LBA);
        ReadResult read = TestTables.read(disk);
        assertEquals(ReadResult.Copy.BACKUP, read.source());
        assertTrue(read.problems().get(0).startsWith("primary GPT header (LBA 1): header CRC"), read.problems()::toString);
        assertTrue(GptTools.sgdisk(disk, "-v").err().contains("Main header: ERROR"), "sgdisk sees the damage too");
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            read.table().withSlot(4, new SlotAttributes(1, 1, false)).updateInPlace(channel);
        }
        assertSgdiskFindsNoProblems(disk);
        assertEquals(List.of("1", "1", "0"), slot(disk, 4));
    }

    @Test
    void weReadWhatSgdiskWrites() throws IOException {
        Path disk = TestTables.sparseFile(dir.resolve("sgdisk.img"), 100 * MIB);
        GptTools.sgdisk(disk, "-o", "-U", "01234567-89AB-CDEF-0123-456789ABCDEF",
                "-n", "1:2048:+1M", "-t", "1:EF00", "-c", "1:EFI-SYSTEM", "-u", "1:11111111-2222-3333-4444-555555555555",
                "-n", "3:0:+8M", "-t", "3:8500", "-c", "3:USR-Ä€", "-u", "3:7130C94A-213A-4E5A-8E26-6CCE9662F132",
                "-A", "3:set:48", "-A", "3:set:56", "-A", "3:set:2", "-A", "3:set:60",
                "-n", "9:0:0", "-t", "9:8501", "-c", "9:ROOT", "-u", "9:99999999-2222-3333-4444-555555555555").check();
        ReadResult read = TestTables.read(disk);
        assertTrue(read.clean(), read.problems()::toString);
        PartitionTable table = read.table();
        assertEquals(Guid.parse("01234567-89AB-CDEF-0123-456789ABCDEF"), table.diskGuid());
        assertEquals(List.of(1, 3, 9), List.copyOf(table.partitions().keySet()));
        assertEquals(new PartitionEntry(FlatcarLayout.TYPE_EFI_SYSTEM, Guid.parse("11111111-2222-3333-4444-555555555555"),
                2048, 4095, 0, "EFI-SYSTEM"), table.partition(1).orElseThrow());
        PartitionEntry usr = table.partition(3).orElseThrow();
        assertEquals(new PartitionEntry(FlatcarLayout.TYPE_FLATCAR_USR, FlatcarLayout.USR_A.fixedUnique().orElseThrow(),
                4096, 4096 + 16383, 1L << 48 | 1L << 56 | 1L << 2 | 1L << 60, "USR-Ä€"), usr);
        assertEquals(new SlotAttributes(1, 0, true), usr.slot());
        PartitionEntry root = table.partition(9).orElseThrow();
        assertEquals(FlatcarLayout.TYPE_FLATCAR_RESIZE, root.type());
        assertEquals(100 * MIB / 512 - 34, root.lastLba());
        assertEquals(table.geometry(), TableGeometry.standard(100 * MIB / 512));
    }

    @Test
    void weReadCgptAddAndKeepTheOtherBits() throws IOException {
        Path disk = flatcarDisk();
        PartitionTable ours = TestTables.read(disk).table();
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ours.withAttributes(4, OTHER_BITS | 1L << 47).updateInPlace(channel);
        }
        GptTools.cgpt("add", disk, "-i", "4", "-P", "2", "-T", "3", "-S", "0").check();
        ReadResult read = TestTables.read(disk);
        assertTrue(read.clean(), read.problems()::toString);
        PartitionEntry usrB = read.table().partition(4).orElseThrow();
        assertEquals(new SlotAttributes(2, 3, false), usrB.slot());
        assertEquals(OTHER_BITS | 1L << 47, usrB.attributes() & ~SlotAttributes.MASK);
        assertEquals(ours.partition(3), read.table().partition(3));
        assertEquals(ours.withAttributes(4, usrB.attributes()), read.table());
    }

    /**
     * cgpt prioritize only reorders ChromeOS kernel partitions (Debian's cgpt refuses "partition 4
     * is not a ChromeOS kernel" otherwise), so this table has two, with Flatcar's slot bits.
     */
    @Test
    void weReadCgptPrioritize() throws IOException {
        Path disk = TestTables.sparseFile(dir.resolve("kernels.img"), 64 * MIB);
        PartitionTable table = LayoutPlanner.mibAligned().plan(List.of(
                PartitionRequest.sized(2, "KERN-A", CHROMEOS_KERNEL, TestTables.unique(2), 8 * MIB,
                        new SlotAttributes(1, 0, true).applyTo(OTHER_BITS)),
                PartitionRequest.sized(4, "KERN-B", CHROMEOS_KERNEL, TestTables.unique(4), 8 * MIB,
                        new SlotAttributes(1, 1, false).applyTo(1L << 63))), 64 * MIB, TestTables.DISK_GUID);
        TestTables.write(table, disk);
        GptTools.cgpt("prioritize", disk, "-i", "4").check();
        ReadResult read = TestTables.read(disk);
        assertTrue(read.clean(), read.problems()::toString);
        for (int number : List.of(2, 4)) {
            SlotAttributes slot = read.table().partition(number).orElseThrow().slot();
            assertEquals(slot(disk, number), List.of(Integer.toString(slot.priority()), Integer.toString(slot.tries()),
                    slot.successful() ? "1" : "0"), "partition " + number);
        }
        SlotAttributes a = read.table().partition(2).orElseThrow().slot();
        SlotAttributes b = read.table().partition(4).orElseThrow().slot();
        assertTrue(b.priority() > a.priority(), a + " " + b);
        assertEquals(OTHER_BITS, read.table().partition(2).orElseThrow().attributes() & ~SlotAttributes.MASK);
        assertEquals(1L << 63, read.table().partition(4).orElseThrow().attributes() & ~SlotAttributes.MASK);
        Map<Integer, PartitionEntry> withoutSlots = new TreeMap<>();
        read.table().partitions().forEach((n, e) -> withoutSlots.put(n, e.withSlot(SlotAttributes.NONE)));
        Map<Integer, PartitionEntry> expected = new TreeMap<>();
        table.partitions().forEach((n, e) -> expected.put(n, e.withSlot(SlotAttributes.NONE)));
        assertEquals(expected, withoutSlots);
    }
}
