package dev.slipway.gpt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.slipway.gpt.TestTables.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged copies, disks that changed size, and crashes part-way through an in-place update. */
class GptDamageTest {

    private static final long DISK = 8 * MIB;
    private static final long LAST_LBA = DISK / 512 - 1;

    @TempDir
    Path dir;

    private Path disk(PartitionTable table) throws IOException {
        Path disk = TestTables.sparseFile(dir.resolve("disk.img"), DISK);
        TestTables.write(table, disk);
        return disk;
    }

    @Test
    void damagedPrimaryHeaderFallsBackToTheBackup() throws IOException {
        PartitionTable table = TestTables.smallTable(DISK);
        Path disk = disk(table);
        TestTables.flipByte(disk, 512 + GptHeader.OFFSET_LAST_USABLE_LBA);
        ReadResult read = TestTables.read(disk);
        assertEquals(ReadResult.Copy.BACKUP, read.source());
        assertEquals(table, read.table());
        assertEquals(1, read.problems().size(), read.problems()::toString);
        assertTrue(read.problems().get(0).startsWith("primary GPT header (LBA 1): header CRC is"), read.problems()::toString);
    }

    @Test
    void damagedPrimaryArrayFallsBackToTheBackup() throws IOException {
        PartitionTable table = TestTables.smallTable(DISK);
        Path disk = disk(table);
        TestTables.flipByte(disk, 2 * 512 + 100 * 128 + 5); // an unused entry
        ReadResult read = TestTables.read(disk);
        assertEquals(ReadResult.Copy.BACKUP, read.source());
        assertEquals(table, read.table());
        assertTrue(read.problems().get(0).startsWith("primary entry array (LBA 2): CRC is"), read.problems()::toString);
    }

    @Test
    void damagedBackupIsReportedAndThePrimaryUsed() throws IOException {
        PartitionTable table = TestTables.smallTable(DISK);
        Path disk = disk(table);
        TestTables.flipByte(disk, LAST_LBA * 512);
        ReadResult read = TestTables.read(disk);
        assertEquals(ReadResult.Copy.PRIMARY, read.source());
        assertEquals(table, read.table());
        assertEquals("backup GPT header (LBA 16383): no \"EFI PART\" signature (found 55 46 49 20 50 41 52 54)",
                read.problems().get(0));
    }

    @Test
    void bothCopiesDamagedIsAClearError() throws IOException {
        Path disk = disk(TestTables.smallTable(DISK));
        TestTables.flipByte(disk, 512 + GptHeader.OFFSET_DISK_GUID);
        TestTables.flipByte(disk, (LAST_LBA - 32) * 512 + 7);
        GptException e = assertThrows(GptException.class, () -> TestTables.read(disk));
        assertTrue(e.getMessage().startsWith("no valid GPT on this disk of 8388608 bytes: primary GPT header (LBA 1):"
                + " header CRC is"), e.getMessage());
        assertTrue(e.getMessage().contains("; backup entry array (LBA 16351): CRC is"), e.getMessage());
    }

    @Test
    void noGptAtAll() throws IOException {
        Path disk = TestTables.sparseFile(dir.resolve("blank.img"), DISK);
        GptException e = assertThrows(GptException.class, () -> TestTables.read(disk));
        assertTrue(e.getMessage().contains("primary GPT header (LBA 1): no \"EFI PART\" signature"), e.getMessage());
        assertTrue(e.getMessage().contains("backup GPT header (LBA 16383): no \"EFI PART\" signature"), e.getMessage());
        Path tiny = TestTables.sparseFile(dir.resolve("tiny.img"), 1024);
        assertThrows(GptException.class, () -> TestTables.read(tiny));
    }

    @Test
    void inPlaceUpdateRepairsTheDamagedCopy() throws IOException {
        PartitionTable table = TestTables.smallTable(DISK);
        Path disk = disk(table);
        TestTables.flipByte(disk, 512 + GptHeader.OFFSET_ENTRIES_CRC);
        ReadResult damaged = TestTables.read(disk);
        PartitionTable changed = damaged.table().withSlot(4, new SlotAttributes(2, 1, false));
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            changed.updateInPlace(channel);
        }
        ReadResult read = TestTables.read(disk);
        assertTrue(read.clean(), read.problems()::toString);
        assertEquals(changed, read.table());
    }

    @Test
    void missingProtectiveMbrIsReported() throws IOException {
        Path disk = disk(TestTables.smallTable(DISK));
        TestTables.flipByte(disk, 510);
        ReadResult read = TestTables.read(disk);
        assertEquals(ReadResult.Copy.PRIMARY, read.source());
        assertEquals("LBA 0 has no MBR boot signature 55 AA: the protective MBR is missing", read.problems().get(0));
    }

    @Test
    void grownDiskKeepsItsBackupWhereItWas() throws IOException {
        PartitionTable table = TestTables.smallTable(DISK);
        Path disk = disk(table);
        TestTables.sparseFile(disk, 2 * DISK);
        ReadResult read = TestTables.read(disk);
        assertEquals(ReadResult.Copy.PRIMARY, read.source());
        assertEquals(table, read.table());
        assertTrue(read.problems().get(0).contains("puts the backup GPT at LBA 16383, not at the disk's last LBA 32767"),
                read.problems()::toString);
        PartitionTable changed = read.table().withSlot(3, SlotAttributes.NONE);
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            changed.updateInPlace(channel);
        }
        assertEquals(changed, TestTables.read(disk).table());
        assertEquals(0, Files.readAllBytes(disk)[Math.toIntExact(2 * DISK - 512)], "nothing written at the new end");
        assertThrows(GptException.class, () -> {
            try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.WRITE)) {
                changed.updateInPlace(channel, DISK - 512);
            }
        });
    }

    @Test
    void copiesThatDifferAreReportedAndThePrimaryWins() throws IOException {
        PartitionTable old = TestTables.smallTable(DISK);
        Path disk = disk(old);
        PartitionTable changed = old.withSlot(4, new SlotAttributes(2, 1, false));
        // Crash right after the backup header: the new backup and the old primary are both valid.
        crashingUpdate(disk, changed, 32 * 512 + 512);
        ReadResult read = TestTables.read(disk);
        assertEquals(ReadResult.Copy.PRIMARY, read.source());
        assertEquals(old, read.table());
        assertEquals(1, read.problems().size());
        assertTrue(read.problems().get(0).startsWith("the backup GPT differs from the primary in entries [4]"),
                read.problems()::toString);
    }

    /**
     * A crash after any number of bytes written, even in the middle of a sector, leaves a disk from
     * which the old or the new table reads: never neither.
     */
    @Test
    void aCrashAtAnyPointLeavesOneValidCopy() throws IOException {
        PartitionTable old = TestTables.smallTable(DISK);
        PartitionTable changed = old.withSlot(3, new SlotAttributes(1, 0, false)).withSlot(4, new SlotAttributes(2, 1, false));
        long total = 2 * (32 * 512 + 512);
        int sawOld = 0;
        int sawNew = 0;
        for (long budget = 0; budget <= total; budget += 64) {
            Files.deleteIfExists(dir.resolve("disk.img"));
            Path disk = disk(old);
            boolean crashed = crashingUpdate(disk, changed, budget);
            ReadResult read = TestTables.read(disk);
            if (read.table().equals(old)) {
                sawOld++;
            } else {
                assertEquals(changed, read.table(), "after " + budget + " bytes");
                sawNew++;
            }
            assertEquals(budget < total, crashed, "after " + budget + " bytes");
            if (!crashed) {
                assertTrue(read.clean(), read.problems()::toString);
            }
        }
        assertTrue(sawOld > 0 && sawNew > 0, sawOld + " old, " + sawNew + " new");
    }

    /** Runs {@code updateInPlace} on a channel that dies after {@code budget} bytes; true if it did. */
    private static boolean crashingUpdate(Path disk, PartitionTable table, long budget) throws IOException {
        try (FileChannel channel = new CrashingChannel(FileChannel.open(disk, StandardOpenOption.READ,
                StandardOpenOption.WRITE), budget)) {
            table.updateInPlace(channel);
            return false;
        } catch (CrashingChannel.Crash e) {
            return true;
        }
    }
}
