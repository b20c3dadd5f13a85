package dev.slipway.erofs;

import dev.slipway.tree.Content;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.Directory;
import dev.slipway.tree.Node;
import java.util.ArrayDeque;
import java.util.Deque;

/** One inode as the planner lays it out: filled in pass by pass, read by the writer. */
final class PlannedInode implements DirectoryBlocks.Target {

    static final int FT_REGULAR = 1;
    static final int FT_DIRECTORY = 2;
    static final int FT_CHAR_DEVICE = 3;
    static final int FT_BLOCK_DEVICE = 4;
    static final int FT_FIFO = 5;
    static final int FT_SYMLINK = 7;

    final Node node;
    /** 1-based, in layout order. */
    final long ino;
    /** The directory that first names this inode (itself for the root): ".." for a directory. */
    final PlannedInode parent;
    /** That first name, kept to name the inode in messages. */
    final String name;

    /** Directory entries naming this inode (hard links: more than one). */
    long names;
    int subdirectories;
    /** The bytes the data layout places; null for devices and fifos. */
    Content payload;
    XattrTable.Body xattrs;
    DataLayout.Placement placement;
    /** Byte offset of the inode in the image; the metadata area starts at block 0. */
    long offset;
    long startBlock;
    InodeHeader header;

    PlannedInode(Node node, long ino, PlannedInode parent, String name) {
        this.node = node;
        this.ino = ino;
        this.parent = parent == null ? this : parent;
        this.name = name;
    }

    @Override
    public long nid() {
        return offset / ErofsWriter.INODE_SLOT;
    }

    @Override
    public int fileType() {
        return switch (node.type()) {
            case REGULAR -> FT_REGULAR;
            case DIRECTORY -> FT_DIRECTORY;
            case CHAR_DEVICE -> FT_CHAR_DEVICE;
            case BLOCK_DEVICE -> FT_BLOCK_DEVICE;
            case FIFO -> FT_FIFO;
            case SYMLINK -> FT_SYMLINK;
        };
    }

    long nlink() {
        return node instanceof Directory ? 2L + subdirectories : names;
    }

    int device() {
        return node instanceof DeviceNode d ? d.encodedDevice() : 0;
    }

    /** The path of the first name, "" for the root; built only for messages. */
    String path() {
        Deque<String> parts = new ArrayDeque<>();
        for (PlannedInode p = this; p.parent != p; p = p.parent) {
            parts.addFirst(p.name);
        }
        return String.join("/", parts);
    }
}
