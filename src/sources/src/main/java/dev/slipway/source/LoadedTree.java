package dev.slipway.source;

import dev.slipway.tree.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A tree read from a source, with what its file contents live in. For a tarball or an OCI image
 * that is a spool file this object owns: {@link #close()} deletes it, after which the tree's regular files can no
 * longer be read. For a directory the contents are the source files themselves, read when the
 * image is written, so the directory must not change until then.
 */
public final class LoadedTree implements AutoCloseable {

    private final FileTree tree;
    private final Path spool;
    private final String description;
    private final String imageDigest;

    LoadedTree(FileTree tree, Path spool, String description) {
        this(tree, spool, description, null);
    }

    LoadedTree(FileTree tree, Path spool, String description, String imageDigest) {
        this.imageDigest = imageDigest;
        this.tree = tree;
        this.spool = spool;
        this.description = description;
    }

    /** Reads a source whose file contents go into a new spool file. */
    @FunctionalInterface
    interface SpoolingReader {
        LoadedTree read(Path spoolFile) throws IOException;
    }

    /**
     * Creates an empty spool file (owner-only) in {@code directory} and lets {@code reader} fill
     * it; if reading fails, the file is deleted again before the failure goes on.
     */
    static LoadedTree spooling(Path directory, SpoolingReader reader) throws IOException {
        Path spoolFile = Files.createTempFile(directory, "slipway-", ".spool");
        try {
            return reader.read(spoolFile);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(spoolFile);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public FileTree tree() {
        return tree;
    }

    /** What the source was, for messages: "directory", "zstd-compressed tar archive", ... */
    public String description() {
        return description;
    }

    /**
     * For an OCI image, the digest of the image manifest read ("sha256:..."), which pins the
     * config and every layer; empty for other sources.
     */
    public Optional<String> imageDigest() {
        return Optional.ofNullable(imageDigest);
    }

    /** The spool file holding a tarball's or an image's file contents; empty for a directory source. */
    public Optional<Path> spoolFile() {
        return Optional.ofNullable(spool);
    }

    /** Deletes the spool file, if any. Idempotent. */
    @Override
    public void close() throws IOException {
        if (spool != null) {
            Files.deleteIfExists(spool);
        }
    }
}
