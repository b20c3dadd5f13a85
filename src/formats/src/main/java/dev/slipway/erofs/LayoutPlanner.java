package dev.slipway.erofs;

import dev.slipway.tree.Content;
import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Names;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Xattrs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first pass: from the tree and its sizes alone, decides every inode's number, form, position
 * and data blocks, so that the writer can then emit the image front to back.
 *
 * <p>Image layout: block 0 holds the superblock at byte 1024, and the metadata area starts right
 * after it (meta_blkaddr is 0, as mkfs.erofs does): inodes, each followed by its xattr body and
 * inline tail, packed by {@link MetadataAllocator}, and the shared xattr area. Data blocks follow,
 * in inode order.
 *
 * <p>Inode order (i_ino, and the order of data blocks): the root first, then depth first, a
 * directory's new children all together before any of its subdirectories'. A hard-linked node is
 * numbered where it is first met. The root comes first so that its nid fits the superblock's 16
 * bits.
 */
final class LayoutPlanner {

    private static final int BLOCK = ErofsImage.BLOCK_SIZE;
    private static final byte[] DOT = {'.'};
    private static final byte[] DOT_DOT = {'.', '.'};

    private final ErofsOptions options;
    private final DataLayout dataLayout;

    LayoutPlanner(ErofsOptions options, DataLayout dataLayout) {
        this.options = options;
        this.dataLayout = dataLayout;
    }

    Layout plan(FileTree tree) throws InvalidEntryException {
        List<PlannedInode> inodes = order(tree);
        List<Xattrs> attributes = new ArrayList<>(inodes.size());
        for (PlannedInode inode : inodes) {
            attributes.add(inode.node.metadata().xattrs());
        }
        XattrTable xattrs = XattrTable.plan(attributes, i -> inodes.get(i).path());

        MetadataAllocator allocator = new MetadataAllocator(Superblock.OFFSET + Superblock.SIZE);
        for (PlannedInode inode : inodes) {
            placeInode(inode, xattrs, allocator);
        }
        long sharedStart = xattrs.areaSize() == 0 ? 0 : allocateSharedArea(xattrs.areaSize(), allocator);
        long xattrBlkaddr = sharedStart / BLOCK;
        xattrs.placeArea(sharedStart - xattrBlkaddr * BLOCK);
        long metadataBlocks = allocator.blocks();

        long nextBlock = metadataBlocks;
        for (PlannedInode inode : inodes) {
            long blocks = inode.placement.blocks();
            inode.startBlock = blocks == 0 ? -1 : nextBlock;
            nextBlock += blocks;
            inode.header = header(inode);
        }
        if (nextBlock > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("the tree needs " + nextBlock + " blocks; EROFS addresses at most 2^32-1 (16 TiB)");
        }
        PlannedInode root = inodes.get(0);
        Superblock superblock = new Superblock(root.nid(), inodes.size(), options.buildTime(), nextBlock, 0,
                xattrBlkaddr, options.uuid(), options.volumeName());
        return new Layout(inodes, xattrs, sharedStart, metadataBlocks, nextBlock, superblock, dataLayout);
    }

    /** Decides the inode's form and data placement and gives it its stretch of metadata. */
    private void placeInode(PlannedInode inode, XattrTable xattrs, MetadataAllocator allocator)
            throws InvalidEntryException {
        inode.xattrs = xattrs.body(inode.node.metadata().xattrs(), inode::path);
        int head = InodeHeader.size(extended(inode)) + inode.xattrs.size();
        inode.placement = inode.payload == null
                ? DataLayout.Placement.NO_DATA
                : dataLayout.place(inode.payload, head);
        inode.offset = allocator.allocate(head + inode.placement.inlineBytes());
    }

    /** The shared area is one contiguous run; a small one fits in a gap like an inode. */
    private static long allocateSharedArea(long size, MetadataAllocator allocator) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shared xattr area of " + size + " bytes");
        }
        return allocator.allocate((int) size);
    }

    private boolean extended(PlannedInode inode) {
        Metadata m = inode.node.metadata();
        long size = inode.payload == null ? 0 : inode.payload.size();
        return !m.mtime().equals(options.buildTime()) || !InodeHeader.fitsCompact(m.uid(), m.gid(), inode.nlink(), size);
    }

    private InodeHeader header(PlannedInode inode) {
        Metadata m = inode.node.metadata();
        long size = inode.payload == null ? 0 : inode.payload.size();
        int start;
        if (inode.payload == null) {
            start = inode.device();
        } else if (inode.startBlock >= 0) {
            start = (int) inode.startBlock;
        } else {
            // As mkfs.erofs: no block at all reads 0 when flat, NULL when only a tail exists.
            start = inode.placement.dataLayout() == InodeHeader.FLAT_INLINE ? InodeHeader.NULL_BLOCK : 0;
        }
        return new InodeHeader(extended(inode), inode.placement.dataLayout(), inode.xattrs.icount(),
                inode.node.type().mode(m), inode.nlink(), size, start, inode.ino, m.uid(), m.gid(), m.mtime());
    }

    /** Numbers the inodes in layout order, counts names and packs every directory. */
    private static List<PlannedInode> order(FileTree tree) throws InvalidEntryException {
        List<PlannedInode> inodes = new ArrayList<>();
        Map<Node, PlannedInode> seen = new IdentityHashMap<>();
        PlannedInode root = new PlannedInode(tree.root(), 1, null, "");
        inodes.add(root);
        seen.put(tree.root(), root);
        Deque<PlannedInode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            PlannedInode dir = pending.pop();
            Directory directory = (Directory) dir.node;
            int count = directory.entries().size() + 2;
            List<byte[]> names = new ArrayList<>(count);
            List<PlannedInode> targets = new ArrayList<>(count);
            names.add(DOT);
            targets.add(dir);
            names.add(DOT_DOT);
            targets.add(dir.parent);
            List<PlannedInode> subdirectories = new ArrayList<>();
            for (Map.Entry<String, Node> entry : directory.entries().entrySet()) {
                byte[] name = checkName(dir, entry.getKey());
                Node child = entry.getValue();
                PlannedInode inode = seen.get(child);
                if (inode == null) {
                    inode = new PlannedInode(child, inodes.size() + 1, dir, entry.getKey());
                    inode.payload = payload(child);
                    inodes.add(inode);
                    seen.put(child, inode);
                } else if (child instanceof Directory) {
                    throw new InvalidEntryException(join(dir, entry.getKey()), "the directory '" + inode.path()
                            + "' appears here too; a directory can have one name only");
                }
                inode.names++;
                if (child instanceof Directory) {
                    subdirectories.add(inode);
                    dir.subdirectories++;
                }
                names.add(name);
                targets.add(inode);
            }
            dir.payload = DirectoryBlocks.pack(names, targets);
            for (int i = subdirectories.size() - 1; i >= 0; i--) {
                pending.push(subdirectories.get(i));
            }
        }
        return inodes;
    }

    private static Content payload(Node node) {
        return switch (node) {
            case RegularFile f -> f.content();
            case Symlink s -> Content.ofBytes(s.target().getBytes(StandardCharsets.UTF_8));
            default -> null; // directories are packed once their entries are known; devices and fifos have no data
        };
    }

    private static byte[] checkName(PlannedInode dir, String name) throws InvalidEntryException {
        byte[] bytes = Names.utf8(name);
        if (bytes.length == 0 || bytes.length > Names.MAX_NAME_BYTES || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new InvalidEntryException(join(dir, name), "not a valid file name");
        }
        return bytes;
    }

    private static String join(PlannedInode dir, String name) {
        String parent = dir.path();
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    static long align(long value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    private static long ceilDiv(long value, int divisor) {
        return (value + divisor - 1) / divisor;
    }
}
