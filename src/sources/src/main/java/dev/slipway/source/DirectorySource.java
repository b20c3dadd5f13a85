package dev.slipway.source;

import dev.slipway.tree.Content;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.Fifo;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.FileType;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.tree.Xattrs;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private void walk() throws IOException {
        builder.addDirectory("", metadata(base, UnixStat.of(base), "."));
        Deque<String> pending = new ArrayDeque<>();
        pending.push("");
        while (!pending.isEmpty()) {
            String relative = pending.pop();
            for (Path child : list(relative)) {
                String name = child.getFileName().toString();
                String path = relative.isEmpty() ? name : relative + "/" + name;
                if (name.indexOf('\uFFFD') >= 0) {
                    throw new InvalidEntryException(path, "the name is not valid UTF-8 (or holds U+FFFD); Slipway"
                            + " handles file names as UTF-8 only: rename it");
                }
                if (add(child, path)) {
                    pending.push(path);
                }
            }
        }
    }

    private List<Path> list(String relative) throws IOException {
        Path directory = relative.isEmpty() ? base : base.resolve(relative);
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        }
        return children;
    }

    /** Adds one file; true when it is a directory to descend into. */
    private boolean add(Path file, String path) throws IOException {
        UnixStat stat = UnixStat.of(file);
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
        Metadata metadata = metadata(file, stat, path);
        switch (format) {
            case UnixStat.S_IFDIR -> {
                builder.addDirectory(path, metadata);
                return true;
            }
            case UnixStat.S_IFREG -> builder.add(path, new RegularFile(metadata, Content.ofFile(file, 0, stat.size())));
            case UnixStat.S_IFLNK -> builder.add(path, symlink(file, path, metadata));
            case UnixStat.S_IFCHR -> builder.add(path, device(path, metadata, FileType.CHAR_DEVICE, stat));
            case UnixStat.S_IFBLK -> builder.add(path, device(path, metadata, FileType.BLOCK_DEVICE, stat));
            case UnixStat.S_IFIFO -> builder.add(path, new Fifo(metadata));
            default -> throw new InvalidEntryException(path, "unknown file type 0" + Integer.toOctalString(format));
        }
        return false;
    }

    private static Symlink symlink(Path file, String path, Metadata metadata) throws IOException {
        String target = Files.readSymbolicLink(file).toString();
        if (target.indexOf('\uFFFD') >= 0) {
            throw new InvalidEntryException(path, "the symlink target is not valid UTF-8; Slipway handles names as"
                    + " UTF-8 only");
        }
        try {
            return new Symlink(metadata, target);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(path, e.getMessage());
        }
    }

    private static DeviceNode device(String path, Metadata metadata, FileType type, UnixStat stat)
            throws InvalidEntryException {
        try {
            return new DeviceNode(metadata, type, stat.major(), stat.minor());
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(path, e.getMessage());
        }
    }

    private static Metadata metadata(Path file, UnixStat stat, String path) throws IOException {
        Xattrs xattrs;
        try {
            xattrs = Xattrs.of(LinuxXattrs.read(file, path));
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(path, e.getMessage());
        }
        try {
            return new Metadata(stat.mode() & Metadata.PERMISSION_BITS, stat.uid(), stat.gid(), stat.mtime(), xattrs);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(path, e.getMessage());
        }
    }
}
