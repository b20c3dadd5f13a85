package dev.slipway.erofs;

import java.util.List;

/**
 * The planned image: every inode placed, every block assigned. Nothing here depends on file
 * contents, only on sizes, so planning reads no data.
 *
 * @param inodes         in inode number order; the root first
 * @param sharedStart    image offset of the shared xattr area, if there is one
 * @param metadataBlocks blocks of superblock, inodes and shared xattrs; data blocks follow
 * @param totalBlocks    the whole image
 */
record Layout(List<PlannedInode> inodes, XattrTable xattrs, long sharedStart, long metadataBlocks,
        long totalBlocks, Superblock superblock, DataLayout dataLayout) {

    /** Bytes the writer will emit: the metadata area plus every data block's payload. */
    long bytesToWrite() {
        long bytes = metadataBlocks * ErofsImage.BLOCK_SIZE;
        for (PlannedInode inode : inodes) {
            if (inode.placement.blocks() > 0) {
                bytes += inode.payload.size() - inode.placement.inlineBytes();
            }
        }
        return bytes;
    }

    ErofsImage summary() {
        long compact = inodes.stream().filter(i -> !i.header.extended()).count();
        return new ErofsImage(totalBlocks, inodes.size(), superblock.rootNid(), metadataBlocks,
                totalBlocks - metadataBlocks, compact, xattrs.sharedCount());
    }
}
