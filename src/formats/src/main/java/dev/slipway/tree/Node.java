package dev.slipway.tree;

/**
 * One inode of a {@link FileTree}. A node reached under several names is a hard link: writers
 * recognise hard links by identity ({@code ==}), never by equality, so two distinct empty files stay
 * two inodes.
 */
public sealed interface Node permits Directory, RegularFile, Symlink, DeviceNode, Fifo {

    Metadata metadata();

    FileType type();
}
