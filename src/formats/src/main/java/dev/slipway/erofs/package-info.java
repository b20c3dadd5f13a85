/**
 * Writes {@link dev.slipway.tree.FileTree}s as EROFS images: {@link dev.slipway.erofs.ErofsWriter}
 * is the entry point, {@link dev.slipway.erofs.ErofsOptions} what the caller decides and
 * {@link dev.slipway.erofs.ErofsImage} the summary.
 *
 * <p>Inside: {@code LayoutPlanner} decides everything from sizes (inode numbers, compact or
 * extended form, {@code XattrTable} sharing, {@code DirectoryBlocks} packing, {@code DataLayout}
 * placement, {@code MetadataAllocator} offsets, data block addresses); {@code MetadataWriter}
 * then writes the metadata area front to back while {@code DataWriter} copies file blocks.
 * {@code Superblock}, {@code InodeHeader}, {@code DirectoryBlocks} and {@code XattrTable} hold the
 * on-disk encodings, with a named constant for every field offset.
 */
package dev.slipway.erofs;
