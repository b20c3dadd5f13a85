package dev.slipway.source;

import dev.slipway.tree.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A tree read from a source, with what its file contents live in. For a tarball that is a spool
 * file this object owns: {@link #close()} deletes it, after which the tree's regular files can no
 * longer be read. For a directory the contents are the source files themselves, read when the
 * image is written, so the directory must not change until then.
 */
public final class LoadedTree implements AutoCloseable {

    private final FileTree tree;
    private final Path spool;
    private final String description;

    LoadedTree(FileTree tree, Path spool, String description) {
        this.tree = tree;
        this.spool = spool;
        this.description = description;
    }

    public FileTree tree() {
        return tree;
    }

    /** What the source was, for messages: "directory", "zstd-compressed tar archive", ... */
    public String description() {
        return description;
    }

    /** The spool file holding a tarball's file contents; empty for a directory source. */
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
