package dev.slipway.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads an input tree: a directory, a tarball (plain, gzip, xz, zstd or bzip2, recognised by
 * content, not by name), or an OCI image layout (a directory holding an {@code oci-layout} file,
 * as {@code skopeo copy ... oci:DIR:TAG}, {@code umoci} or {@code docker buildx --output type=oci}
 * make it; image-spec v1.0 and v1.1, Docker v2 schema 2 manifests too).
 *
 * <pre>{@code
 * try (LoadedTree loaded = Sources.open(path, SourceOptions.spoolingTo(workDir))) {
 *     write(loaded.tree());
 * }
 * }</pre>
 *
 * <p>The contract, for every kind of source:
 * <ul>
 *   <li>File names and symlink targets are UTF-8; a name that is not is refused, never guessed at.
 *       For directories the JVM must decode names as UTF-8 (run with a UTF-8 locale, e.g.
 *       {@code LC_ALL=C.UTF-8}).</li>
 *   <li>Owners are numeric uids and gids; user and group names are ignored. An id of -1
 *       (4294967295) is refused.</li>
 *   <li>Kept: type, permissions 07777 with setuid/setgid/sticky, uid, gid, mtime to the
 *       nanosecond, every extended attribute byte for byte, symlink targets, device numbers and
 *       hard links (one node under several names). Not kept: atime, ctime, user/group names,
 *       ACLs given as tar records (as xattrs from a directory they are kept), sockets (skipped
 *       with a warning).</li>
 *   <li>Anything that could write outside the tree is refused with
 *       {@link dev.slipway.tree.InvalidEntryException} naming the entry; a truncated or damaged
 *       tarball with {@link CorruptArchiveException}. Nothing is ever extracted: a tarball's or an
 *       image's file contents go into one spool file and nowhere else.</li>
 * </ul>
 *
 * <p>An OCI layout gives the tree of one image: the one {@link SourceOptions#reference()} names in
 * {@code index.json}, else the only one there; through an image index, the linux/amd64 image.
 * Its layers are applied bottom first as the image-spec's layer changesets (whiteouts and opaque
 * directories delete what lower layers made; an entry of another type replaces a lower one; see
 * {@code LayerApplier} for the exact rules), each layer's entries checked as a tarball's are.
 * Every blob must match its descriptor's digest and size, and every layer its config's
 * {@code diff_id}; anything else about the layout that is wrong (a missing blob, a media type
 * Slipway cannot read, an unknown reference) is refused with {@link InvalidImageException}, a
 * {@link CorruptArchiveException} that names the file of the layout.
 *
 * <p>The path itself may be a symlink (to a directory, a layout or a tarball): it is followed, as
 * {@code cd} or {@code tar -C} would. Nothing below it is followed.
 */
public final class Sources {

    private Sources() {
    }

    /**
     * Reads {@code path}: a directory with an {@code oci-layout} file is read as an OCI image
     * layout, any other directory is walked, and anything else that is a file (or a pipe) is read
     * as a tarball.
     *
     * @throws dev.slipway.tree.InvalidEntryException for an entry Slipway refuses, naming it
     * @throws InvalidImageException for an OCI layout that is damaged, inconsistent or not one
     *     Slipway reads, or when {@code options} name an image and {@code path} is no OCI layout
     * @throws CorruptArchiveException for a truncated, damaged or unrecognised tarball
     * @throws IOException when the source cannot be read
     */
    public static LoadedTree open(Path path, SourceOptions options) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isDirectory() && OciLayout.isLayout(path)) {
            return OciLayout.read(path, options);
        }
        if (options.reference() != null) {
            throw new InvalidImageException(OciLayout.MARKER, "an image reference ('" + options.reference()
                    + "') was given, but " + path + " is not an OCI image layout (it has no oci-layout file)");
        }
        if (attributes.isDirectory()) {
            return new LoadedTree(DirectorySource.read(path, options), null, "directory");
        }
        if (attributes.isRegularFile() || isPipe(path)) {
            return TarSource.read(path, options);
        }
        throw new IOException(path + " is neither a directory nor a tarball (it is a device or a socket)");
    }

    private static boolean isPipe(Path path) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode");
        return mode instanceof Integer m && (m & UnixStat.S_IFMT) == UnixStat.S_IFIFO;
    }
}
