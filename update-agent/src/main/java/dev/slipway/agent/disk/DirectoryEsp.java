package dev.slipway.agent.disk;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link EspFiles} on a mounted ESP ({@code /efi} on a node; any directory in tests). Each change is durable
 * when its method returns: a write goes through {@code NAME.slipway-tmp} (fsynced, renamed over NAME), and a
 * write, rename or delete fsyncs the directory it changed, which on vfat is what commits a directory entry. So
 * {@link #sync()} has nothing left to do.
 */
public final class DirectoryEsp implements EspFiles {

    private final Path root;

    /** The files under {@code root}, which must exist; any filesystem (tests use a temporary directory). */
    public DirectoryEsp(Path root) {
        this.root = root;
    }

    /**
     * The ESP mounted at {@code root} on a node: refused unless a FAT filesystem is mounted there, so that an ESP
     * that failed to mount is never mistaken for the empty directory under it (whose files no firmware reads).
     */
    public static DirectoryEsp mountedAt(Path root) throws IOException {
        String type = Files.isDirectory(root) ? Files.getFileStore(root).type() : "missing";
        if (!type.equals("vfat")) {
            throw new IOException("no EFI system partition is mounted at " + root + " (" + (type.equals("missing")
                    ? "no such directory" : "its filesystem is " + type + ", not vfat") + "); mount it there, or "
                    + "set esp in agent.toml to where it is mounted");
        }
        return new DirectoryEsp(root);
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        Path file = resolve(EspPaths.file(path));
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(String directory) throws IOException {
        Path dir = resolve(EspPaths.directory(directory));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).filter(name -> !EspPaths.isTemporary(name)).sorted()
                    .toList();
        }
    }

    @Override
    public void write(String path, byte[] bytes) throws IOException {
        List<String> names = EspPaths.file(path);
        Path target = resolve(names);
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "the ESP's root directory is missing");
        }
        Durable.makeDirectories(target.getParent());
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot write ESP file " + path + ": " + target + " is a directory");
        }
        Durable.replace(target, target.resolveSibling(names.getLast() + EspPaths.TEMPORARY_SUFFIX), bytes);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Path source = resolve(EspPaths.file(from));
        Path target = resolve(EspPaths.file(to));
        if (!EspPaths.parent(from).equals(EspPaths.parent(to))) {
            throw new IllegalArgumentException("ESP rename from " + from + " to " + to + " changes directory; "
                    + "only a rename within a directory is supported");
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(source.toString(), null, "no ESP file " + from + " to rename");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "cannot rename ESP file " + from
                    + ": " + to + " exists");
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        Durable.syncDirectory(target.getParent());
    }

    @Override
    public void delete(String path) throws IOException {
        Path file = resolve(EspPaths.file(path));
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot delete ESP file " + path + ": " + file + " is a directory");
        }
        if (Files.deleteIfExists(file)) {
            Durable.syncDirectory(file.getParent());
        }
    }

    /** Nothing is pending: every change was made durable when its method returned. */
    @Override
    public void sync() {
    }

    private Path resolve(List<String> names) {
        Path path = root;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }
}
