package dev.slipway.build.boot;

import dev.slipway.build.BuildRecord;
import dev.slipway.testing.Command;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test's own copy of a built raw disk, reached from the host with standard tools only: dd for
 * partitions, mtools for the ESP (no mount), sfdisk for the table.
 */
final class GuestDisk {

    private static final int SECTOR = 512;

    private final Path file;
    private final BuildRecord record;

    private GuestDisk(Path file, BuildRecord record) {
        this.file = file;
        this.record = record;
    }

    /** A sparse copy of {@code raw} at {@code copy}, {@code growBytes} larger (a node's bigger disk). */
    static GuestDisk copyOf(Path raw, BuildRecord record, Path copy, long growBytes) throws IOException {
        Command.run("cp", "--sparse=always", raw.toString(), copy.toString()).check();
        if (growBytes > 0) {
            Command.run("truncate", "-s", "+" + growBytes, copy.toString()).check();
        }
        return new GuestDisk(copy, record);
    }

    Path file() {
        return file;
    }

    BuildRecord.Partition partition(String label) {
        return record.disk().partitions().stream().filter(p -> p.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("the build record has no partition " + label));
    }

    long offset(String label) {
        return partition(label).firstLba() * SECTOR;
    }

    /** Writes {@code source} into partition {@code label} from its start, as dd would. */
    void writePartition(String label, Path source) throws IOException {
        if (Files.size(source) > partition(label).size()) {
            throw new AssertionError(source + " does not fit in " + label);
        }
        Command.run("dd", "if=" + source, "of=" + file, "bs=1M", "oflag=seek_bytes", "seek=" + offset(label),
                "conv=notrunc,sparse", "status=none").check();
    }

    /** Inverts one byte at {@code offsetInPartition} of partition {@code label}. */
    void flipByte(String label, long offsetInPartition) throws IOException {
        try (RandomAccessFile disk = new RandomAccessFile(file.toFile(), "rw")) {
            long at = offset(label) + offsetInPartition;
            disk.seek(at);
            int value = disk.read();
            disk.seek(at);
            disk.write(value ^ 0xFF);
        }
    }

    /** Runs an mtools command on the ESP in place: {@code esp("mren", "::/a", "::/b")}. */
    Command.Result esp(String tool, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "MTOOLS_SKIP_CHECK=1", tool, "-i",
                file + "@@" + offset("EFI-SYSTEM")));
        command.addAll(Arrays.asList(arguments));
        return Command.run(command).check();
    }

    /** The names in the ESP's loader/entries, sorted. */
    List<String> entries() throws IOException {
        return esp("mdir", "-b", "::/loader/entries").out().lines().map(String::strip)
                .map(line -> line.substring(line.lastIndexOf('/') + 1)).filter(name -> !name.isEmpty()).sorted()
                .toList();
    }

    /** Writes {@code text} to {@code espPath} (such as "::/loader/entries/x.conf"). */
    void espWrite(String espPath, String text, Path scratch) throws IOException {
        Path local = Files.writeString(scratch.resolve("esp-" + Math.abs(espPath.hashCode())), text);
        esp("mcopy", "-o", local.toString(), espPath);
    }
}
