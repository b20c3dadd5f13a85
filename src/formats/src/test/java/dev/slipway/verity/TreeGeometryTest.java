package dev.slipway.verity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TreeGeometryTest {

    private static VerityParameters sha256(long dataBlocks) {
        return new VerityParameters("sha256", 4096, 4096, dataBlocks, new byte[32], new UUID(0, 0));
    }

    /** Blocks per level, bottom level first, for SHA-256 and 4 KiB blocks (128 digests a block). */
    @ParameterizedTest
    @CsvSource({
            "1, ''",
            "2, 1",
            "127, 1",
            "128, 1",
            "129, 2 1",
            "16383, 128 1",
            "16384, 128 1",
            "16385, 129 2 1",
            "2097152, 16384 128 1",
            "2097153, 16385 129 2 1",
    })
    void levelsAsVeritysetupComputesThem(long dataBlocks, String expectedBlocks) {
        TreeGeometry g = TreeGeometry.afterSuperblock(sha256(dataBlocks), 0);
        long[] expected = expectedBlocks.isEmpty() ? new long[0]
                : Arrays.stream(expectedBlocks.split(" ")).mapToLong(Long::parseLong).toArray();
        assertEquals(expected.length, g.levels());
        long[] actual = new long[g.levels()];
        for (int level = 0; level < g.levels(); level++) {
            actual[level] = g.levelBlocks(level);
        }
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
        assertEquals(Arrays.stream(expected).sum(), g.hashBlocks());

        // Top level first, right after the hash block holding the superblock.
        long position = 4096;
        for (int level = g.levels() - 1; level >= 0; level--) {
            assertEquals(position, g.levelOffset(level), "level " + level);
            position += g.levelBlocks(level) * 4096;
        }
        assertEquals(position, g.levels() == 0 ? 4096 : g.treeEnd());
    }

    @Test
    void digestAndBlockOffsets() {
        TreeGeometry g = TreeGeometry.afterSuperblock(sha256(16385), 0);
        // Level 2 (top) at 4096, level 1 (2 blocks) at 8192, level 0 (129 blocks) at 16384.
        assertEquals(16384 + 200 * 32, g.digestOffset(0, 200));
        assertEquals(16384 + 16384L * 32, g.digestOffset(0, 16384));
        assertEquals(8192 + 128 * 32, g.digestOffset(1, 128));
        assertEquals(4096 + 32, g.digestOffset(2, 1));
        assertEquals(16384 + 5 * 4096, g.blockOffset(0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> g.digestOffset(0, 16385));
        assertThrows(IndexOutOfBoundsException.class, () -> g.digestOffset(2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> g.blockOffset(1, 2));
    }

    @Test
    void treeStartsAtTheHashBlockAfterTheSuperblock() {
        assertEquals(4096, TreeGeometry.treeOffsetAfterSuperblock(0, 4096));
        assertEquals(4096, TreeGeometry.treeOffsetAfterSuperblock(3584, 4096));
        assertEquals(8192, TreeGeometry.treeOffsetAfterSuperblock(4096, 4096));
        assertEquals(8192, TreeGeometry.treeOffsetAfterSuperblock(4608, 4096));
        assertEquals(1024, TreeGeometry.treeOffsetAfterSuperblock(512, 512));
        assertEquals(1 << 20, TreeGeometry.treeOffsetAfterSuperblock((1 << 20) - 4096, 4096));
    }

    @Test
    void paddedDigestSlots() {
        VerityParameters sha1 = sha256(1000).withAlgorithm("sha1");
        TreeGeometry g = TreeGeometry.afterSuperblock(sha1, 0);
        assertEquals(20, g.digestSize());
        assertEquals(32, g.slotSize());
        assertEquals(128, g.digestsPerBlock());
        TreeGeometry sha384 = TreeGeometry.afterSuperblock(sha256(1000).withAlgorithm("sha384"), 0);
        assertEquals(64, sha384.slotSize());
        assertEquals(64, sha384.digestsPerBlock());
        TreeGeometry small = TreeGeometry.afterSuperblock(sha256(1000).withBlockSizes(512, 512), 0);
        assertEquals(16, small.digestsPerBlock());
        assertEquals(3, small.levels()); // 1000 -> 63 -> 4 -> 1
        assertEquals(512, small.treeOffset());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> TreeGeometry.of(4096, 32, 10, 100));
        assertThrows(IllegalArgumentException.class, () -> TreeGeometry.of(4096, 32, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TreeGeometry.of(3000, 32, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> TreeGeometry.of(512, 512, 10, 0));
    }
}
