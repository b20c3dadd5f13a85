package dev.slipway.gpt;

import static dev.slipway.gpt.TestTables.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-place attribute updates through a writer that is not a file channel, as the update agent's disk
 * layer is: a disk in memory whose writes are durable only once forced, and which, when it "loses
 * power", keeps any subset of the writes made since the last force, in any order.
 */
class DiskWriterTest {

    private static final long DISK = 8 * MIB;

    @TempDir
    Path dir;

    @Test
    void anUpdateThroughAnyWriterWritesWhatTheFileChannelUpdateWrites() throws IOException {
        PartitionTable old = TestTables.smallTable(DISK);
        Path file = TestTables.sparseFile(dir.resolve("disk.img"), DISK);
        TestTables.write(old, file);
        CacheDisk memory = new CacheDisk(Files.readAllBytes(file), Integer.MAX_VALUE);

        ReadResult read = PartitionTable.read(memory::readFully, DISK);
        assertEquals(old, read.table());
        PartitionTable changed = read.table().withSlot(4, new SlotAttributes(2, 3, false));
        changed.updateInPlace(memory, DISK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            changed.updateInPlace(channel);
        }

        assertArrayEquals(Files.readAllBytes(file), memory.durable);
        assertEquals(2, memory.forces);
        assertEquals(changed, PartitionTable.read(memory::readFully, DISK).table());
    }

    /** Whatever a crash keeps of the unforced writes, the disk holds the old table or the new one, whole. */
    @Test
    void unforcedWritesLostInAnyCombinationLeaveTheOldOrTheNewTable() throws IOException {
        PartitionTable old = TestTables.smallTable(DISK);
        PartitionTable changed = old.withSlot(3, new SlotAttributes(1, 0, false)).withSlot(4, new SlotAttributes(2, 1, false));
        byte[] before = disk(old);
        int sawOld = 0;
        int sawNew = 0;
        for (int events = 0; events <= 6; events++) {
            CacheDisk disk = new CacheDisk(before.clone(), events);
            boolean crashed = updateUntilCrash(changed, disk);
            assertEquals(events < 6, crashed, "after " + events + " writes and forces");
            for (byte[] kept : disk.afterPowerLoss()) {
                PartitionTable table = PartitionTable.read(reader(kept), DISK).table();
                if (table.equals(old)) {
                    sawOld++;
                } else {
                    assertEquals(changed, table, "after " + events + " writes and forces");
                    sawNew++;
                }
            }
        }
        assertTrue(sawOld > 0 && sawNew > 0, sawOld + " old, " + sawNew + " new");
    }

    /** The forces are what the previous test relies on: without them one loss leaves no valid copy. */
    @Test
    void withoutTheForcesSomeLossLeavesNoTable() throws IOException {
        PartitionTable old = TestTables.smallTable(DISK);
        CacheDisk disk = new CacheDisk(disk(old), Integer.MAX_VALUE);
        DiskWriter forgetful = new DiskWriter() {
            @Override
            public void writeFully(ByteBuffer src, long position) throws IOException {
                disk.writeFully(src, position);
            }

            @Override
            public void force() {
            }
        };
        old.withSlot(4, new SlotAttributes(2, 1, false)).updateInPlace(forgetful, DISK);
        int unreadable = 0;
        for (byte[] kept : disk.afterPowerLoss()) {
            try {
                PartitionTable.read(reader(kept), DISK);
            } catch (GptException e) {
                unreadable++;
            }
        }
        assertTrue(unreadable > 0, "some loss of four unforced writes breaks both copies");
    }

    @Test
    void aDiskShorterThanTheTableIsRefusedBeforeAnyWrite() throws IOException {
        CacheDisk disk = new CacheDisk(disk(TestTables.smallTable(DISK)), Integer.MAX_VALUE);
        assertThrows(GptException.class, () -> TestTables.smallTable(DISK).updateInPlace(disk, DISK - 512));
        assertEquals(0, disk.pending.size());
    }

    private byte[] disk(PartitionTable table) throws IOException {
        Path file = TestTables.sparseFile(Files.createTempFile(dir, "disk", ".img"), DISK);
        TestTables.write(table, file);
        return Files.readAllBytes(file);
    }

    private static boolean updateUntilCrash(PartitionTable table, CacheDisk disk) throws IOException {
        try {
            table.updateInPlace(disk, DISK);
            return false;
        } catch (PowerLoss e) {
            return true;
        }
    }

    private static PositionalReader reader(byte[] disk) {
        return (dst, position) -> {
            if (position + dst.remaining() > disk.length) {
                throw new EOFException("the disk ends at byte " + disk.length);
            }
            dst.put(disk, (int) position, dst.remaining());
        };
    }

    private static final class PowerLoss extends IOException {
        PowerLoss() {
            super("simulated power loss");
        }
    }

    /** A disk with a volatile write cache; it loses power at its {@code events}-th write or force. */
    private static final class CacheDisk implements DiskWriter {
        private record Write(long position, byte[] bytes) {
        }

        final byte[] durable;
        final List<Write> pending = new ArrayList<>();
        private int events;
        int forces;

        CacheDisk(byte[] durable, int events) {
            this.durable = durable;
            this.events = events;
        }

        void readFully(ByteBuffer dst, long position) throws IOException {
            reader(durable).readFully(dst, position);
        }

        @Override
        public void writeFully(ByteBuffer src, long position) throws IOException {
            event();
            byte[] bytes = new byte[src.remaining()];
            src.get(bytes);
            pending.add(new Write(position, bytes));
        }

        @Override
        public void force() throws IOException {
            event();
            pending.forEach(w -> System.arraycopy(w.bytes(), 0, durable, (int) w.position(), w.bytes().length));
            pending.clear();
            forces++;
        }

        /** The disk as a power loss may leave it: the durable bytes and each subset of the pending writes. */
        List<byte[]> afterPowerLoss() {
            List<byte[]> disks = new ArrayList<>();
            for (int subset = 0; subset < 1 << pending.size(); subset++) {
                byte[] disk = durable.clone();
                for (int i = 0; i < pending.size(); i++) {
                    if ((subset & 1 << i) != 0) {
                        Write w = pending.get(i);
                        System.arraycopy(w.bytes(), 0, disk, (int) w.position(), w.bytes().length);
                    }
                }
                disks.add(disk);
            }
            return disks;
        }

        private void event() throws PowerLoss {
            if (events-- <= 0) {
                throw new PowerLoss();
            }
        }
    }
}
