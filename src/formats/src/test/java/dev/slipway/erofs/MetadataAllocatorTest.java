package dev.slipway.erofs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetadataAllocatorTest {

    @Test
    void startsAfterTheSuperblockOn32ByteBoundaries() {
        MetadataAllocator a = new MetadataAllocator(1152);
        assertEquals(1152, a.allocate(32));
        assertEquals(1184, a.allocate(40));
        assertEquals(1248, a.allocate(1));
        assertEquals(1, a.blocks());
    }

    @Test
    void pieceThatDoesNotFitOpensABlockAndLaterSmallOnesFillTheGap() {
        MetadataAllocator a = new MetadataAllocator(1152);
        assertEquals(1152, a.allocate(2900)); // block 0 now has 4096 - 4064 = 32 bytes left
        assertEquals(4096, a.allocate(4000)); // block 1: 96 left
        assertEquals(8192, a.allocate(200)); // fits neither gap: block 2
        assertEquals(4064, a.allocate(32)); // best fit: the 32-byte gap in block 0
        assertEquals(4096 + 4000, a.allocate(64)); // then block 1's 96-byte gap
        assertEquals(8192 + 224, a.allocate(64));
        assertEquals(3, a.blocks());
    }

    @Test
    void largePieceStartsAFreshBlockAndItsLastBlockStaysUsable() {
        MetadataAllocator a = new MetadataAllocator(1152);
        assertEquals(4096, a.allocate(5000)); // blocks 1 and 2; block 2 keeps 4096 - 928 bytes
        assertEquals(3, a.blocks());
        assertEquals(1152, a.allocate(64)); // block 0 has 2944 left, less than block 2: best fit
        assertEquals(2 * 4096 + 928, a.allocate(3000)); // only block 2 has room
    }
}
