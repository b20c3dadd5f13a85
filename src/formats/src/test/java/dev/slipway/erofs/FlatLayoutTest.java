package dev.slipway.erofs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.tree.Content;
import org.junit.jupiter.api.Test;

class FlatLayoutTest {

    private final FlatLayout layout = new FlatLayout();

    @Test
    void wholeBlocksStayPlain() {
        assertEquals(new DataLayout.Placement(InodeHeader.FLAT_PLAIN, 0, 0), place(0, 32));
        assertEquals(new DataLayout.Placement(InodeHeader.FLAT_PLAIN, 0, 1), place(4096, 32));
        assertEquals(new DataLayout.Placement(InodeHeader.FLAT_PLAIN, 0, 3), place(3 * 4096, 64));
    }

    @Test
    void tailGoesInlineWhenInodeXattrsAndTailFitOneBlock() {
        assertEquals(new DataLayout.Placement(InodeHeader.FLAT_INLINE, 1, 1), place(4097, 32));
        assertEquals(new DataLayout.Placement(InodeHeader.FLAT_INLINE, 4064, 0), place(4064, 32));
        assertEquals(new DataLayout.Placement(InodeHeader.FLAT_INLINE, 4095, 0), place(4095, 1));
    }

    @Test
    void tailThatCannotShareABlockWithItsInodeGetsABlock() {
        assertEquals(new DataLayout.Placement(InodeHeader.FLAT_PLAIN, 0, 1), place(4065, 32));
        assertEquals(new DataLayout.Placement(InodeHeader.FLAT_PLAIN, 0, 2), place(4096 + 4000, 64 + 100));
    }

    private DataLayout.Placement place(int size, int head) {
        return layout.place(Content.ofBytes(new byte[size]), head);
    }
}
