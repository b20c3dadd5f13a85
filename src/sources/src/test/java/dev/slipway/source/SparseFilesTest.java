package dev.slipway.source;

import dev.slipway.disk.Extent;
import dev.slipway.disk.HoleFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparseFilesTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Writes {@code lengths[i]} bytes of 0x5A at {@code offsets[i]} into a sparse file of {@code size} bytes. */
    private Path sparse(long size, long[] offsets, int[] lengths) throws IOException {
        Path file = dir.resolve("disk.raw");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            for (int i = 0; i < offsets.length; i++) {
                raf.seek(offsets[i]);
                raf.write(filled(lengths[i]));
            }
            raf.getFD().sync();
        }
        return file;
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 0x5A);
        return bytes;
    }

    @Test
    void reportsExactlyTheWrittenBlocks() throws IOException {
        long size = 64 * MIB;
        Path file = sparse(size, new long[] {MIB, 8 * MIB + 100, size - 1}, new int[] {4096, 10_000, 1});
        long block = Files.getFileStore(file).getBlockSize();
        List<Extent> expected = List.of(
                new Extent(MIB, 4096),
                new Extent(down(8 * MIB + 100, block), up(8 * MIB + 100 + 10_000, block) - down(8 * MIB + 100, block)),
                new Extent(down(size - 1, block), size - down(size - 1, block)));

        assertEquals(expected, new SparseFiles().dataExtents(file, size));
    }

    @Test
    void clipsToTheRequestedLength() throws IOException {
        Path file = sparse(16 * MIB, new long[] {0, 4 * MIB}, new int[] {8192, 8192});
        assertEquals(List.of(new Extent(0, 8192), new Extent(4 * MIB, 4096)),
                new SparseFiles().dataExtents(file, 4 * MIB + 4096));
        assertEquals(List.of(new Extent(0, 8192)), new SparseFiles().dataExtents(file, 4 * MIB));
    }

    @Test
    void emptyAndDenseFiles() throws IOException {
        Path empty = sparse(32 * MIB, new long[0], new int[0]);
        assertEquals(List.of(), new SparseFiles().dataExtents(empty, 32 * MIB));

        Path dense = Files.write(dir.resolve("dense"), filled(3 * 4096 + 5));
        assertEquals(List.of(new Extent(0, 3 * 4096 + 5)), new SparseFiles().dataExtents(dense, 3 * 4096 + 5));
    }

    @Test
    void agreesWithTheScanningFinderAtItsGranularity() throws IOException {
        long size = 40 * MIB;
        Path file = sparse(size, new long[] {3 * MIB + 7, 20 * MIB}, new int[] {2 * (int) MIB, 4096});
        List<Extent> precise = new SparseFiles().dataExtents(file, size);
        List<Extent> scanned = HoleFinder.SCAN.dataExtents(file, size);
        assertEquals(List.of(new Extent(3 * MIB, 3 * MIB), new Extent(20 * MIB, MIB)), scanned);
        for (Extent e : precise) {
            assertTrue(scanned.stream().anyMatch(s -> s.offset() <= e.offset() && e.end() <= s.end()), e + " outside " + scanned);
        }
    }

    @Test
    void fallsBackWhereTheFilesystemCannotSeekData() throws IOException {
        // procfs answers SEEK_DATA with EINVAL, as a filesystem without the feature does.
        List<Extent> marker = List.of(new Extent(0, 1));
        HoleFinder fallback = (file, length) -> marker;
        assertEquals(marker, new SparseFiles(fallback).dataExtents(Path.of("/proc/self/status"), 10));
    }

    @Test
    void missingFileIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> new SparseFiles().dataExtents(dir.resolve("missing"), 10));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("errno 2"), e.getMessage());
    }

    private static long down(long value, long block) {
        return value / block * block;
    }

    private static long up(long value, long block) {
        return (value + block - 1) / block * block;
    }
}
