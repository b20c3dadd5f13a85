package dev.slipway.gpt;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Tables and sparse disk files the GPT tests share. */
final class TestTables {

    static final long MIB = 1 << 20;
    static final long GIB = 1 << 30;
    static final Guid DISK_GUID = Guid.parse("5A1F0A7B-0000-4000-8000-000000000001");

    private TestTables() {
    }

    /** A unique GUID per partition number, so tests can name them. */
    static Guid unique(int number) {
        return Guid.parse(String.format("5A1F0A7B-0000-4000-8000-%012d", 100 + number));
    }

    /** Flatcar's partitions in Flatcar's order, sizes fit for a small test disk, ROOT filling the rest. */
    static List<PartitionRequest> flatcarRequests() {
        return List.of(
                FlatcarLayout.EFI_SYSTEM.request(128 * MIB, unique(1)),
                FlatcarLayout.BIOS_BOOT.request(2 * MIB, unique(2)),
                FlatcarLayout.USR_A.request(1 * GIB, unique(3)),
                FlatcarLayout.USR_B.request(1 * GIB, unique(4)),
                FlatcarLayout.OEM.request(128 * MIB, unique(6)),
                FlatcarLayout.OEM_CONFIG.request(64 * MIB, unique(7)),
                FlatcarLayout.ROOT.request(PartitionRequest.FILL, unique(9)));
    }

    static PartitionTable flatcarTable(long diskSize) {
        return LayoutPlanner.mibAligned().plan(flatcarRequests(), diskSize, DISK_GUID);
    }

    /** A small table: two slot partitions of 1 MiB and a data partition, on {@code diskSize} bytes. */
    static PartitionTable smallTable(long diskSize) {
        return LayoutPlanner.mibAligned().plan(List.of(
                FlatcarLayout.USR_A.request(MIB, unique(3)),
                FlatcarLayout.USR_B.request(MIB, unique(4)),
                FlatcarLayout.OEM.request(PartitionRequest.FILL, unique(6))), diskSize, DISK_GUID);
    }

    /** A sparse file of {@code size} bytes. */
    static Path sparseFile(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        return file;
    }

    static void write(PartitionTable table, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            table.write(channel);
        }
    }

    static ReadResult read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return PartitionTable.read(channel);
        }
    }

    static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ 0x10);
        }
    }
}
