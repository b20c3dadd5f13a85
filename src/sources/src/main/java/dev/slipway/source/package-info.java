/**
 * Input trees for Slipway: a directory or a tarball read into the immutable
 * {@link dev.slipway.tree.FileTree} model, through {@link dev.slipway.source.Sources#open}.
 *
 * <p>Tarballs are read with Commons Compress (plain, gzip, xz, zstd, bzip2; ustar, GNU, PAX, v7;
 * GNU long names, base-256 numbers, GNU and PAX sparse files). Three things are done beside it,
 * because Commons Compress 1.28 loses or misreads them: PAX records are parsed from their raw
 * bytes (binary and empty xattr values survive), header uids/gids/device numbers are read at full
 * width (it narrows them to {@code int}), and header checksums are verified (it does not).
 * Nothing is extracted; file contents go into one spool file.
 *
 * <p>Directories are walked without following symlinks, with {@code lstat} through the JDK's
 * "unix" attribute view and xattrs through libc ({@code llistxattr}/{@code lgetxattr}, via JNA,
 * which only this module uses). Linux only.
 *
 * <p>Contract: names are UTF-8 (the JVM must run in a UTF-8 locale); owners are numeric; see
 * {@link dev.slipway.source.Sources} for what is kept and what is refused.
 */
package dev.slipway.source;
