package dev.slipway.erofs;

import dev.slipway.io.Progress;
import dev.slipway.tree.Content;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Uncompressed data: whole blocks in the data area, and the tail (size mod 4096) either packed
 * inline after the inode (FLAT_INLINE) or given a block of its own (FLAT_PLAIN).
 *
 * <p>The kernel refuses inline data that crosses a block boundary, and erofs-utils keeps the inode,
 * its xattrs and the tail in one block; so does this layout. The tail goes inline whenever the
 * three fit in a block: the allocator ({@link MetadataAllocator}) puts them in the partly used
 * block that fits best and fills what is left with smaller inodes, so inlining wastes at most what
 * a block of its own would (4096 minus the tail), usually far less, and saves the reader a seek.
 */
final class FlatLayout implements DataLayout {

    static final int BLOCK = ErofsImage.BLOCK_SIZE;

    /** Large copies go in slices so that progress moves while a big file is copied. */
    private static final long COPY_SLICE = 64L << 20;

    @Override
    public Placement place(Content payload, int headBytes) {
        long size = payload.size();
        long fullBlocks = size / BLOCK;
        int tail = (int) (size % BLOCK);
        if (tail == 0) {
            return new Placement(InodeHeader.FLAT_PLAIN, 0, fullBlocks);
        }
        if (headBytes + tail <= BLOCK) {
            return new Placement(InodeHeader.FLAT_INLINE, tail, fullBlocks);
        }
        return new Placement(InodeHeader.FLAT_PLAIN, 0, fullBlocks + 1);
    }

    @Override
    public void writeInline(Placement placement, Content payload, ByteBuffer target) throws IOException {
        int n = placement.inlineBytes();
        if (n == 0) {
            return;
        }
        int start = target.position();
        payload.read(payload.size() - n, target.slice(start, n));
        target.position(start + n);
    }

    @Override
    public void writeBlocks(Placement placement, Content payload, FileChannel image, long position, Progress progress)
            throws IOException {
        // The last block may be partly used; the image file is new, so the rest of it reads as zeros.
        long length = payload.size() - placement.inlineBytes();
        for (long done = 0; done < length; ) {
            long n = Math.min(COPY_SLICE, length - done);
            payload.copyTo(done, n, image, position + done);
            done += n;
            progress.advance(n);
        }
    }
}
