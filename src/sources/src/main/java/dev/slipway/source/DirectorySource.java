package dev.slipway.source;

import dev.slipway.tree.FileTree;
import dev.slipway.tree.TreeBuilder;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads a directory into a tree without following any symlink below it (the directory path itself
 * is resolved first). Each file is {@code lstat}ed; names that share an inode (same device and
 * inode number) become one node; sockets are skipped with a warning; the root directory's own
 * metadata is the source directory's. Regular files are referenced, not copied: their bytes are
 * read when the image is written.
 */
final class DirectorySource {

    private record Inode(long dev, long ino) {
    }

    private final Path base;
    private final TreeBuilder builder;
    private final Consumer<String> warnings;
    private final Map<Inode, String> firstNames = new HashMap<>();

    private DirectorySource(Path base, SourceOptions options) {
        this.base = base;
        this.builder = new TreeBuilder(options.clampTo());
        this.warnings = options.warnings();
    }

    static FileTree read(Path directory, SourceOptions options) throws IOException {
        String jnu = System.getProperty("sun.jnu.encoding");
        if (jnu == null || !Charset.forName(jnu).equals(StandardCharsets.UTF_8)) {
            throw new IOException("this JVM decodes file names as " + jnu + ", not UTF-8, so names would be mangled;"
                    + " run Slipway in a UTF-8 locale (e.g. LC_ALL=C.UTF-8)");
        }
        DirectorySource source = new DirectorySource(directory.toRealPath(), options);
        source.walk();
        return source.builder.build();
    }

    /*
     * The scan runs ahead on its threads; this loop alone touches the builder and visits entries
     * in the order a single-threaded walk always did (each directory in listing order, then the
     * subdirectories last-found first), so hard-link sharing, warnings and the error reported are
     * decided here, deterministically.
     */
    private void walk() throws IOException {
        builder.addDirectory("", DirectoryScan.metadata(base, UnixStat.of(base), "."));
        try (DirectoryScan scan = new DirectoryScan()) {
            Deque<Future<DirectoryScan.Listing>> pending = new ArrayDeque<>();
            pending.push(scan.submit(base, ""));
            while (!pending.isEmpty()) {
                DirectoryScan.Listing listing = DirectoryScan.await(pending.pop());
                if (listing.failure() != null) {
                    throw listing.failure();
                }
                for (DirectoryScan.Entry entry : listing.entries()) {
                    if (add(entry)) {
                        pending.push(entry.children());
                    }
                }
            }
        }
    }

    /** Adds one file; true when it is a directory to descend into. */
    private boolean add(DirectoryScan.Entry entry) throws IOException {
        String path = entry.path();
        UnixStat stat = entry.stat();
        if (stat == null) {
            DirectoryScan.raise(entry.failure());
        }
        int format = stat.format();
        if (format == UnixStat.S_IFSOCK) {
            warnings.accept("skipping socket '" + path + "': sockets cannot be stored in an image;"
                    + " the program that made it creates it again when it runs");
            return false;
        }
        if (format != UnixStat.S_IFDIR && stat.nlink() > 1) {
            String first = firstNames.putIfAbsent(new Inode(stat.dev(), stat.ino()), path);
            if (first != null) {
                builder.addHardlink(path, first);
                return false;
            }
        }
        if (entry.failure() != null) {
            DirectoryScan.raise(entry.failure());
        }
        if (format == UnixStat.S_IFDIR) {
            builder.addDirectory(path, entry.metadata());
            return true;
        }
        builder.add(path, entry.node());
        return false;
    }
}
