package dev.slipway.disk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.slipway.disk.DiskFixtures.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScanningHoleFinderTest {

    @TempDir
    Path dir;

    @Test
    void reportsNonZeroChunksMerged() throws IOException {
        Path file = DiskFixtures.sparseRaw(dir.resolve("d"), 10 * MIB + 300, 1,
                new long[] {MIB + 5, 2 * MIB + 7, 6 * MIB - 1, 10 * MIB + 299}, new int[] {1, 1, 2, 1});
        assertEquals(List.of(new Extent(MIB, 2 * MIB), new Extent(5 * MIB, 2 * MIB), new Extent(10 * MIB, 300)),
                HoleFinder.SCAN.dataExtents(file, 10 * MIB + 300));
        assertEquals(List.of(new Extent(0, 8192), new Extent(MIB, 4096)),
                new ScanningHoleFinder(4096).dataExtents(
                        DiskFixtures.sparseRaw(dir.resolve("e"), 2 * MIB, 2, new long[] {10, 4097, MIB}, new int[] {1, 1, 1}),
                        2 * MIB));
    }

    @Test
    void onlyPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new ScanningHoleFinder(3000));
    }
}
