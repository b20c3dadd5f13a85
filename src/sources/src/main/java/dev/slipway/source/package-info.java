/**
 * Input trees for Slipway: a directory, a tarball or an OCI image layout read into the immutable
 * {@link dev.slipway.tree.FileTree} model, through {@link dev.slipway.source.Sources#open}.
 *
 * <p>Tarballs are read with Commons Compress (plain, gzip, xz, zstd, bzip2; ustar, GNU, PAX, v7;
 * GNU long names, base-256 numbers, GNU and PAX sparse files). Three things are done beside it,
 * because Commons Compress 1.28 loses or misreads them: PAX records are parsed from their raw
 * bytes (binary and empty xattr values survive), header uids/gids/device numbers are read at full
 * width (it narrows them to {@code int}), and header checksums are verified (it does not).
 * Nothing is extracted; file contents go into one spool file.
 *
 * <p>OCI image layouts: {@code OciLayout} reads {@code oci-layout} and {@code index.json};
 * {@code ImageIndex} picks the image (by reference, then platform); {@code ImageManifest} reads the
 * manifest and config, each verified by {@code Blobs} before Jackson parses it; {@code LayerApplier}
 * applies each layer's tar stream (read by the same {@code TarReader} and {@code TarEntries} as a
 * tarball) with the image-spec's whiteout rules, while {@code DigestingInputStream}s check the
 * layer's digest and diff_id in the same pass.
 *
 * <p>Directories are walked without following symlinks, with {@code lstat} through the JDK's
 * "unix" attribute view and xattrs through libc ({@code llistxattr}/{@code lgetxattr}, via JNA,
 * which only this module uses). Linux only.
 *
 * <p>Contract: names are UTF-8 (the JVM must run in a UTF-8 locale); owners are numeric; see
 * {@link dev.slipway.source.Sources} for what is kept and what is refused.
 */
package dev.slipway.source;
