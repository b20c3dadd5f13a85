package dev.slipway.build;

import dev.slipway.tree.Timestamp;
import java.nio.file.Path;

/**
 * What composing a root tree may use.
 *
 * @param epoch            the build epoch, or null when the source declares it (its newest mtime)
 * @param workDirectory    private scratch space on the output's filesystem; deleted after the build
 * @param logDirectory     where the output of external tools is kept (the output directory)
 * @param profileDirectory the leaf profile's directory, against which recorded paths are written
 * @param keepRootfs       whether a composed tarball is kept in the log directory as rootfs.tar
 * @param lock             the inputs a locked build must use, or null for the archive's current ones
 * @param cache            where installed .deb files are kept by digest
 */
record ComposeContext(Timestamp epoch, Path workDirectory, Path logDirectory, Path profileDirectory,
                      boolean keepRootfs, PackageLock lock, PackageCache cache, BuildListener listener) {
}
