package dev.slipway.vhdx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatGeometryTest {

    private static final int MIB = 1 << 20;

    /** Chunk ratio = 2^23 x logical sector size / block size; entries = blocks + (blocks - 1) / ratio. */
    @ParameterizedTest
    @CsvSource({
            "67108864, 8388608, 512, 512, 8, 8, 1048576",       // qemu's 64 MiB disk: 8 blocks, no bitmap entry yet
            "10737418240, 33554432, 512, 128, 320, 322, 1048576", // Hyper-V's default block size
            "10737418240, 1048576, 512, 4096, 10240, 10242, 1048576",
            "4294967296, 1048576, 512, 4096, 4096, 4096, 1048576", // exactly one chunk: no bitmap entry after it
            "4294967808, 1048576, 512, 4096, 4097, 4098, 1048576", // one sector more: bitmap entry, then block 4096
            "1099511627776, 1048576, 4096, 32768, 1048576, 1048607, 9437184",
    })
    void shape(long size, int blockSize, int sector, long ratio, long blocks, long entries, long regionLength) {
        BatGeometry g = new BatGeometry(size, blockSize, sector);
        assertEquals(ratio, g.chunkRatio());
        assertEquals(blocks, g.payloadBlocks());
        assertEquals(entries, g.entries());
        assertEquals(regionLength, g.regionLength());
    }

    @Test
    void sectorBitmapEntriesFollowEachChunk() {
        BatGeometry g = new BatGeometry(10L << 30, 32 * MIB, 512);
        assertEquals(127, g.payloadIndex(127));
        assertTrue(g.isSectorBitmap(128));
        assertEquals(129, g.payloadIndex(128));
        assertFalse(g.isSectorBitmap(129));
        assertTrue(g.isSectorBitmap(257));
        assertEquals(258, g.payloadIndex(256));
    }
}
