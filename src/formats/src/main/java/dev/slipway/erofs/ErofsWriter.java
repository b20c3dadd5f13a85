package dev.slipway.erofs;

import dev.slipway.io.Progress;
import dev.slipway.tree.FileTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a {@link FileTree} as an uncompressed EROFS image with 4096-byte blocks, using no
 * incompatible feature, so that any kernel with EROFS and erofs-utils 1.5 read it.
 *
 * <p>Invariants:
 * <ul>
 *   <li>The same tree and the same options give the same bytes, whatever the clock, time zone,
 *       umask, locale or hash order: nothing but the tree and {@link ErofsOptions} goes in.
 *   <li>Hard links (one {@code Node} under several names) become one inode with nlink = names;
 *       directories have nlink = 2 + subdirectories.
 *   <li>Every name's mode (including setuid, setgid and sticky), owner, group, mtime to the
 *       nanosecond, size, contents, symlink target, device number and xattrs read back unchanged
 *       through the kernel.
 *   <li>Memory does not grow with file sizes: contents are streamed (copy_file_range where the
 *       source allows) and only metadata is held.
 * </ul>
 *
 * <p>Contents are copied on a few threads while the metadata is written; a file's inline tail may
 * be read while its blocks are being copied, so {@code Content} implementations must allow
 * concurrent calls (the file-region and byte-array contents do).
 *
 * <p>The image is written in place; callers wanting atomicity write to a temporary name and move
 * it. Nothing is forced to disk.
 */
public final class ErofsWriter {

    /** Inode numbers (nids) count 32-byte slots from the start of the metadata area. */
    static final int INODE_SLOT = 32;

    private ErofsWriter() {
    }

    /**
     * Writes {@code tree} to {@code image}, replacing any file there.
     *
     * @throws dev.slipway.tree.InvalidEntryException when the tree holds something EROFS cannot
     *         store (an xattr outside the user., trusted., security. and POSIX ACL names, a value
     *         over 65535 bytes); the message names the file and the attribute
     * @throws IllegalArgumentException when the image would exceed 2^32 blocks (16 TiB)
     */
    public static ErofsImage write(FileTree tree, Path image, ErofsOptions options, Progress progress)
            throws IOException {
        DataLayout dataLayout = new FlatLayout();
        Layout layout = new LayoutPlanner(options, dataLayout).plan(tree);
        progress.start("Writing EROFS image", layout.bytesToWrite());
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            try (DataWriter data = DataWriter.start(layout, image, progress, DataWriter.defaultThreads())) {
                writeMetadata(layout, channel, progress);
                data.finish();
            }
            long length = layout.totalBlocks() * ErofsImage.BLOCK_SIZE;
            if (channel.size() < length) {
                // The last data block ends in a hole; give the file its full length.
                channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
            }
        }
        progress.finish();
        return layout.summary();
    }

    /** Writes the metadata area front to back: block 0, inodes and shared xattrs by offset. */
    private static void writeMetadata(Layout layout, FileChannel channel, Progress progress) throws IOException {
        MetadataWriter out = new MetadataWriter(channel, progress, layout.superblock());
        List<PlannedInode> byOffset = new ArrayList<>(layout.inodes());
        byOffset.sort(Comparator.comparingLong(inode -> inode.offset));
        boolean sharedPending = layout.xattrs().areaSize() > 0;
        for (PlannedInode inode : byOffset) {
            if (sharedPending && layout.sharedStart() < inode.offset) {
                writeSharedArea(layout, out);
                sharedPending = false;
            }
            out.padTo(inode.offset);
            int length = inode.header.byteSize() + inode.xattrs.size() + inode.placement.inlineBytes();
            ByteBuffer target = out.reserve(length);
            inode.header.encode(target);
            inode.xattrs.encode(target);
            layout.dataLayout().writeInline(inode.placement, inode.payload, target);
        }
        if (sharedPending) {
            writeSharedArea(layout, out);
        }
        out.padTo(layout.metadataBlocks() * ErofsImage.BLOCK_SIZE);
        out.finish();
    }

    private static void writeSharedArea(Layout layout, MetadataWriter out) throws IOException {
        out.padTo(layout.sharedStart());
        layout.xattrs().writeArea(out);
    }

}
