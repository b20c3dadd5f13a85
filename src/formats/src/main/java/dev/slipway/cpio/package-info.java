/**
 * The "newc" cpio format (SVR4 without checksums, magic {@code 070701}), the one the Linux kernel
 * unpacks as an initramfs: {@link CpioWriter} writes a {@link dev.slipway.tree.FileTree} as an
 * archive whose bytes depend only on the tree.
 */
package dev.slipway.cpio;
