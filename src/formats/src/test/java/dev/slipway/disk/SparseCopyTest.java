package dev.slipway.disk;

import dev.slipway.io.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.slipway.disk.DiskFixtures.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SparseCopyTest {

    @TempDir
    Path dir;

    /** Copies {@code data} (all of it reported as one extent) and records each run placed. */
    private List<Extent> copy(byte[] data, boolean detectZeros, Path out) throws IOException {
        Path raw = Files.write(dir.resolve("in"), data);
        List<Extent> runs = new ArrayList<>();
        try (RawDisk disk = RawDisk.open(raw, (file, length) -> List.of(new Extent(0, length)));
             FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            SparseCopy.Stats stats = SparseCopy.copy(disk, channel, (offset, length) -> {
                runs.add(new Extent(offset, length));
                return offset;
            }, detectZeros, Progress.NONE);
            assertEquals(data.length, stats.bytesRead());
            assertEquals(runs.stream().mapToLong(Extent::length).sum(), stats.bytesWritten());
        }
        byte[] copied = Arrays.copyOf(Files.readAllBytes(out), data.length);
        assertArrayEquals(data, copied);
        return runs;
    }

    @Test
    void writesOnlyNonZeroGrainsAndNeverAcrossAMib() throws IOException {
        byte[] data = new byte[(int) (3 * MIB)];
        data[5] = 1;                                     // grain 0
        data[3 * 4096 + 1] = 1;                          // grains 3 and 4 form one run
        data[4 * 4096] = 1;
        Arrays.fill(data, (int) MIB - 100, (int) MIB + 100, (byte) 7); // straddles the first MiB boundary
        data[data.length - 1] = 9;
        List<Extent> runs = copy(data, true, dir.resolve("out"));
        assertEquals(List.of(new Extent(0, 4096), new Extent(3 * 4096, 2 * 4096), new Extent(MIB - 4096, 4096),
                new Extent(MIB, 4096), new Extent(3 * MIB - 4096, 4096)), runs);
    }

    @Test
    void unalignedEndsAreClippedToTheExtent() throws IOException {
        byte[] data = new byte[4096 * 3 + 100];
        Arrays.fill(data, (byte) 3);
        assertEquals(List.of(new Extent(0, data.length)), copy(data, true, dir.resolve("out")));
    }

    @Test
    void withoutZeroDetectionWholeExtentsAreTransferred() throws IOException {
        byte[] data = new byte[(int) (2 * MIB + 4096)];
        data[(int) MIB + 1] = 1;
        assertEquals(List.of(new Extent(0, MIB), new Extent(MIB, MIB), new Extent(2 * MIB, 4096)),
                copy(data, false, dir.resolve("out")));
    }

    @Test
    void theOutputKeepsItsHoles() throws IOException {
        byte[] data = new byte[(int) (8 * MIB)];
        data[(int) (4 * MIB)] = 1;
        Path out = dir.resolve("sparse");
        copy(data, true, out);
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
            channel.truncate(8 * MIB);
        }
        long allocated = DiskFixtures.allocated(out);
        assertEquals(4096, allocated, "one grain allocated of " + Files.size(out));
    }
}
