package dev.slipway.erofs;

import dev.slipway.io.Progress;
import dev.slipway.tree.Content;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * How one inode's bytes (file contents, symlink target or directory blocks) are laid out: the part
 * stored inline right after the inode and its xattrs in the metadata area, and the whole blocks in
 * the data area. {@link FlatLayout} stores bytes as they are; a compressed layout would plan from
 * the compressed sizes and write its own index and blocks through the same three calls.
 *
 * <p>The planner calls {@link #place} once per inode before anything is written, from sizes alone;
 * the writer then calls {@link #writeInline} as it fills the metadata area and, on other threads,
 * {@link #writeBlocks} for each inode's blocks.
 */
interface DataLayout {

    /**
     * Decides where {@code payload} goes. The inode, its xattr body ({@code headBytes} together)
     * and the inline bytes are then given one stretch of the metadata area, within one block
     * whenever inline bytes are present.
     */
    Placement place(Content payload, int headBytes);

    /** Writes the {@link Placement#inlineBytes} of {@code payload} at {@code target}'s position. */
    void writeInline(Placement placement, Content payload, ByteBuffer target) throws IOException;

    /** Writes the {@link Placement#blocks} of {@code payload} to the image at {@code position}. */
    void writeBlocks(Placement placement, Content payload, FileChannel image, long position, Progress progress)
            throws IOException;

    /**
     * One inode's decision.
     *
     * @param dataLayout  the i_format data layout value
     * @param inlineBytes bytes stored right after the inode and its xattrs
     * @param blocks      whole blocks in the data area
     */
    record Placement(int dataLayout, int inlineBytes, long blocks) {

        static final Placement NO_DATA = new Placement(InodeHeader.FLAT_PLAIN, 0, 0);
    }
}
