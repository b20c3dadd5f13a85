package dev.slipway.disk;

import dev.slipway.testing.Command;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/** Sparse raw disks with seeded random data at chosen offsets, and how much of a file is allocated. */
public final class DiskFixtures {

    public static final long MIB = 1 << 20;
    public static final long GIB = 1L << 30;

    private DiskFixtures() {
    }

    /**
     * Where a fixture's data is: {@code lengths[i]} random bytes at {@code offsets[i]}, ascending.
     * {@link #holes()} answers as the filesystem would (4 KiB grains), without reading the file:
     * scanning a 10 GiB sparse file costs seconds of zero-filled page cache.
     */
    public record Layout(long size, long[] offsets, int[] lengths) {

        public Path write(Path file, long seed) throws IOException {
            return sparseRaw(file, size, seed, offsets, lengths);
        }

        public HoleFinder holes() {
            return (file, length) -> {
                ExtentList extents = new ExtentList();
                long end = 0;
                for (int i = 0; i < offsets.length; i++) {
                    long start = Math.max(end, offsets[i] / 4096 * 4096);
                    long stop = Math.min(length, (offsets[i] + lengths[i] + 4095) / 4096 * 4096);
                    if (stop > start) {
                        extents.add(start, stop - start);
                        end = stop;
                    }
                }
                return extents.toList();
            };
        }

        /** The extents as "offset:length,..." for {@link ListedExtents} in a forked JVM. */
        public String listed() throws IOException {
            return holes().dataExtents(null, size).stream().map(e -> e.offset() + ":" + e.length())
                    .collect(Collectors.joining(","));
        }
    }

    /** A sparse file of {@code size} bytes with {@code lengths[i]} random bytes at {@code offsets[i]}. */
    public static Path sparseRaw(Path file, long size, long seed, long[] offsets, int[] lengths) throws IOException {
        Random random = new Random(seed);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(0);
            raf.setLength(size);
            for (int i = 0; i < offsets.length; i++) {
                byte[] data = new byte[lengths[i]];
                random.nextBytes(data);
                raf.seek(offsets[i]);
                raf.write(data);
            }
        }
        return file;
    }

    /**
     * Like a built image: a few MiB at the start (partition table, boot), data at odd offsets (a
     * run straddling a MiB boundary, single bytes, a partial last MiB) and runs spread over the disk.
     */
    public static Layout scatteredLayout(long size) {
        long[] offsets = {0, 3 * MIB - 100, 5 * MIB + 4096 + 17, size / 3, size / 2 + 12345, size - 3 * MIB, size - 1};
        int[] lengths = {(int) (2 * MIB), 200, 1, (int) (4 * MIB), 70_000, (int) MIB + 512, 1};
        return new Layout(size, offsets, lengths);
    }

    public static Path scattered(Path file, long size, long seed) throws IOException {
        return scatteredLayout(size).write(file, seed);
    }

    /** {@code count} runs of {@code length} random bytes spread evenly over a disk of {@code size}, plus the start and end. */
    public static Layout spread(long size, int count, int length) {
        List<long[]> runs = new ArrayList<>();
        runs.add(new long[] {0, MIB});
        long step = (size - 2 * MIB) / count;
        for (int i = 0; i < count; i++) {
            runs.add(new long[] {MIB + i * step + (i * 7919L % 4096), length});
        }
        runs.add(new long[] {size - 4096, 4096});
        return new Layout(size, runs.stream().mapToLong(r -> r[0]).toArray(),
                runs.stream().mapToInt(r -> (int) r[1]).toArray());
    }

    /** Bytes the file occupies on disk ({@code stat -c %b} times {@code %B}). */
    public static long allocated(Path file) throws IOException {
        String[] out = Command.run("stat", "-c", "%b %B", file.toString()).check().out().trim().split(" ");
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }
}
