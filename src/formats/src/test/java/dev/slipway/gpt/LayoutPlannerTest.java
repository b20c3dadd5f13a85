package dev.slipway.gpt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.slipway.gpt.TestTables.GIB;
import static dev.slipway.gpt.TestTables.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutPlannerTest {

    private static final LayoutPlanner PLANNER = LayoutPlanner.mibAligned();
    private static final Guid DATA = FlatcarLayout.TYPE_LINUX_DATA;

    private static PartitionRequest sized(int number, long size) {
        return PartitionRequest.sized(number, "p" + number, DATA, TestTables.unique(number), size, 0);
    }

    private static PartitionRequest fill(int number) {
        return PartitionRequest.fill(number, "p" + number, DATA, TestTables.unique(number), 0);
    }

    private static PartitionEntry entry(PartitionTable table, int number) {
        return table.partition(number).orElseThrow();
    }

    @Test
    void alignsEachStartToOneMib() {
        PartitionTable table = PLANNER.plan(List.of(sized(1, 512), sized(2, 3 * MIB / 2), sized(3, MIB)), 16 * MIB,
                Guid.ZERO);
        assertEquals(2048, entry(table, 1).firstLba());
        assertEquals(2048, entry(table, 1).lastLba());
        assertEquals(4096, entry(table, 2).firstLba());
        assertEquals(4096 + 3072 - 1, entry(table, 2).lastLba());
        assertEquals(8192, entry(table, 3).firstLba());
        assertEquals(8192 + 2047, entry(table, 3).lastLba());
        assertEquals(MIB, entry(table, 3).sizeBytes());
    }

    @Test
    void flatcarLayoutInFlatcarsOrderWithGappedNumbers() {
        PartitionTable table = TestTables.flatcarTable(6 * GIB);
        assertEquals(List.of(1, 2, 3, 4, 6, 7, 9), List.copyOf(table.partitions().keySet()));
        long expectedStart = 2048;
        for (PartitionRequest r : TestTables.flatcarRequests()) {
            PartitionEntry e = entry(table, r.number());
            assertEquals(expectedStart, e.firstLba(), r.name());
            assertEquals(r.name(), e.name());
            assertEquals(r.type(), e.type());
            if (!r.fills()) {
                assertEquals(r.sizeBytes(), e.sizeBytes(), r.name());
            }
            expectedStart = e.lastLba() + 1;
        }
        assertEquals(FlatcarLayout.USR_A.fixedUnique().orElseThrow(), entry(table, 3).unique());
        assertEquals(FlatcarLayout.USR_B.fixedUnique().orElseThrow(), entry(table, 4).unique());
        assertEquals(TestTables.unique(9), entry(table, 9).unique());
        assertEquals(0x0101_0000_0000_0000L, entry(table, 3).attributes());
        // ROOT fills up to the last 1 MiB boundary before the backup GPT.
        assertEquals(6 * GIB / 512 - 2048 - 1, entry(table, 9).lastLba());
    }

    @Test
    void fillInTheMiddleLeavesRoomForThePartitionsAfterIt() {
        long disk = 64 * MIB;
        PartitionTable table = PLANNER.plan(List.of(sized(1, MIB), fill(2), sized(3, 3 * MIB / 2), sized(4, MIB)),
                disk, Guid.ZERO);
        long lastUsable = disk / 512 - 34;
        PartitionEntry p3 = entry(table, 3);
        PartitionEntry p4 = entry(table, 4);
        assertEquals(4096, entry(table, 2).firstLba());
        assertEquals(p3.firstLba() - 1, entry(table, 2).lastLba());
        assertEquals(0, p3.firstLba() % 2048);
        assertEquals(p3.firstLba() + 4096, p4.firstLba());
        assertTrue(p4.lastLba() <= lastUsable && p4.lastLba() > lastUsable - 2048, p4.toString());
        assertEquals(MIB, p4.sizeBytes());
    }

    @Test
    void refusesWhatDoesNotFit() {
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> PLANNER.plan(List.of(sized(1, 4 * MIB), sized(9, 4 * MIB)), 8 * MIB, Guid.ZERO));
        assertEquals("partition 9 (p9, 4194304 bytes) would end at sector 18431, past the last usable sector 16350 of a"
                + " disk of 8388608 bytes; these partitions need a disk of at least 10485760 bytes with 1048576-byte"
                + " alignment", tooBig.getMessage());

        IllegalArgumentException noRoom = assertThrows(IllegalArgumentException.class,
                () -> PLANNER.plan(List.of(sized(1, 13 * MIB / 2), fill(2)), 8 * MIB, Guid.ZERO));
        assertTrue(noRoom.getMessage().startsWith("partition 2 (p2, fill the rest) gets no space"), noRoom.getMessage());
        assertTrue(noRoom.getMessage().endsWith("need a disk of at least 10485760 bytes with 1048576-byte alignment"),
                noRoom.getMessage());

        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> PLANNER.plan(List.of(sized(1, 512)), 512 * 60, Guid.ZERO));
        assertTrue(tiny.getMessage().startsWith("two GPTs do not fit in the 60 sectors"), tiny.getMessage());
    }

    @Test
    void refusesBadRequests() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> sized(3, 1000));
        assertEquals("partition 3 (p3): size 1000 bytes is not a positive multiple of 512", odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sized(3, 0));
        assertThrows(IllegalArgumentException.class, () -> sized(0, 512));
        assertThrows(IllegalArgumentException.class, () -> sized(129, 512));
        assertThrows(IllegalArgumentException.class,
                () -> PartitionRequest.sized(1, "x".repeat(37), DATA, Guid.ZERO, 512, 0));
        assertThrows(IllegalArgumentException.class,
                () -> PartitionRequest.sized(1, "unused", Guid.ZERO, Guid.ZERO, 512, 0));
        assertEquals("partition number 1 is requested twice", assertThrows(IllegalArgumentException.class,
                () -> PLANNER.plan(List.of(sized(1, 512), sized(1, 512)), 8 * MIB, Guid.ZERO)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PLANNER.plan(List.of(fill(1), fill(2)), 8 * MIB, Guid.ZERO)).getMessage()
                .startsWith("2 partitions ask to fill"));
        assertThrows(IllegalArgumentException.class, () -> PLANNER.plan(List.of(), 8 * MIB + 100, Guid.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new LayoutPlanner(1000));
    }

    @Test
    void minimumDiskSizeIsWholeMibAndFits() {
        // 1 MiB before the first partition, 2 MiB of partitions, 33 sectors of backup GPT: 4 MiB.
        List<PartitionRequest> two = List.of(sized(1, MIB), sized(2, MIB));
        assertEquals(4 * MIB, PLANNER.minimumDiskSize(two));
        PLANNER.plan(two, 4 * MIB, Guid.ZERO);
        assertThrows(IllegalArgumentException.class, () -> PLANNER.plan(two, 3 * MIB, Guid.ZERO));
        // Ending 33 sectors or more before a MiB boundary leaves the size alone.
        List<PartitionRequest> shorter = List.of(sized(1, MIB), sized(2, MIB - 33 * 512));
        assertEquals(3 * MIB, PLANNER.minimumDiskSize(shorter));
        PLANNER.plan(shorter, 3 * MIB, Guid.ZERO);

        for (List<PartitionRequest> requests : List.of(TestTables.flatcarRequests(),
                List.of(sized(1, MIB), fill(2), sized(3, 5 * 512), sized(4, 7 * 512)),
                List.of(fill(5)))) {
            long minimum = PLANNER.minimumDiskSize(requests);
            assertEquals(0, minimum % MIB);
            assertTrue(smallestFill(PLANNER.plan(requests, minimum, Guid.ZERO), requests) >= MIB);
            try {
                assertTrue(smallestFill(PLANNER.plan(requests, minimum - MIB, Guid.ZERO), requests) < MIB);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("need a disk of at least " + minimum + " bytes"), e.getMessage());
            }
        }
    }

    /** The size of the filling partition, or a large number when none fills. */
    private static long smallestFill(PartitionTable table, List<PartitionRequest> requests) {
        return requests.stream().filter(PartitionRequest::fills).mapToLong(r -> entry(table, r.number()).sizeBytes())
                .min().orElse(Long.MAX_VALUE);
    }

    @Test
    void otherAlignments() {
        LayoutPlanner flatcar = new LayoutPlanner(FlatcarLayout.FLATCAR_ALIGNMENT_BYTES);
        PartitionTable table = flatcar.plan(List.of(sized(1, MIB), sized(2, MIB)), 16 * MIB, Guid.ZERO);
        assertEquals(4096, entry(table, 1).firstLba());
        assertEquals(8192, entry(table, 2).firstLba());
        PartitionTable unaligned = new LayoutPlanner(512).plan(List.of(sized(1, 512), sized(2, 512)), MIB, Guid.ZERO);
        assertEquals(34, entry(unaligned, 1).firstLba());
        assertEquals(35, entry(unaligned, 2).firstLba());
    }
}
