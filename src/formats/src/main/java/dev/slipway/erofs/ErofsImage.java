package dev.slipway.erofs;

/**
 * What {@link ErofsWriter#write} produced. The image file is exactly {@code blocks * }{@value
 * #BLOCK_SIZE} bytes long: {@code metadataBlocks} of superblock, inodes (with their inline xattrs and
 * tail data) and shared xattrs, followed by {@code dataBlocks} of file and directory blocks.
 *
 * @param blocks          total 4096-byte blocks, as the superblock records them
 * @param inodes          number of inodes (a hard-linked file counts once)
 * @param rootNid         the root directory's inode number on disk (its 32-byte slot index)
 * @param metadataBlocks  blocks before the first data block
 * @param dataBlocks      blocks holding whole blocks of file and directory data
 * @param compactInodes   inodes stored in the 32-byte form; the rest are 64-byte extended inodes
 * @param sharedXattrs    distinct attributes stored once in the shared xattr area
 */
public record ErofsImage(long blocks, long inodes, long rootNid, long metadataBlocks, long dataBlocks,
        long compactInodes, int sharedXattrs) {

    public static final int BLOCK_SIZE = 4096;

    /** The image size in bytes. */
    public long sizeBytes() {
        return blocks * BLOCK_SIZE;
    }
}
