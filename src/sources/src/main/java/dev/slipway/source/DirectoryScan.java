package dev.slipway.source;

import dev.slipway.tree.Content;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.Fifo;
import dev.slipway.tree.FileType;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Xattrs;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The slow, syscall-bound half of reading a directory: listing, {@code lstat}, extended
 * attributes and symlink targets, done for several directories at once. Nothing here touches the
 * tree or decides anything order-dependent (hard links, warnings, which error wins): every result
 * or failure is kept per entry, in listing order, and {@link DirectorySource} consumes them in
 * its fixed walk order, so the outcome does not depend on thread timing.
 */
final class DirectoryScan implements AutoCloseable {

    /*
     * The workers mostly wait in the kernel (or on a cold disk), so more threads than cores still
     * pay off; a few more than that only add contention on the filesystem's locks.
     */
    private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /** A directory's entries in the order the filesystem listed them, or why it could not be listed. */
    record Listing(List<Entry> entries, IOException failure) {
    }

    /**
     * One scanned entry. {@code stat} is null when the name or the {@code lstat} was refused;
     * otherwise {@code failure}, if set, is what describing the file further raised, which only
     * matters if this name turns out to be the first of its inode. Directories carry their own
     * listing as {@code children}; other files their finished {@code node}; sockets neither.
     */
    record Entry(String path, UnixStat stat, Metadata metadata, Node node, Future<Listing> children,
            Exception failure) {
    }

    /*
     * Not asynchronous mode: a worker runs the subdirectory it queued last first, which is also
     * the one the depth-first consumer asks for next.
     */
    private final ForkJoinPool pool = new ForkJoinPool(THREADS);

    /** Starts listing {@code directory}, whose entries are named below {@code relative}. */
    Future<Listing> submit(Path directory, String relative) {
        return pool.submit(() -> list(directory, relative));
    }

    /** Waits for a listing; a runtime failure of the scan itself surfaces as it was thrown. */
    static Listing await(Future<Listing> listing) throws IOException {
        try {
            return listing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the directory");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error r -> throw r;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    /** Rethrows a stored failure as what it was. */
    static void raise(Exception failure) throws IOException {
        switch (failure) {
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IOException(failure);
        }
    }

    @Override
    public void close() {
        // Listings still running after an error are not wanted; whatever they queue is refused.
        pool.shutdownNow();
    }

    private Listing list(Path directory, String relative) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            return new Listing(List.of(), e);
        }
        List<Entry> entries = new ArrayList<>(children.size());
        for (Path child : children) {
            String name = child.getFileName().toString();
            String path = relative.isEmpty() ? name : relative + "/" + name;
            try {
                entries.add(scan(child, name, path));
            } catch (IOException | RuntimeException e) {
                entries.add(new Entry(path, null, null, null, null, e));
            }
        }
        return new Listing(entries, null);
    }

    private Entry scan(Path file, String name, String path) throws IOException {
        if (name.indexOf('\uFFFD') >= 0) {
            throw new InvalidEntryException(path, "the name is not valid UTF-8 (or holds U+FFFD); Slipway"
                    + " handles file names as UTF-8 only: rename it");
        }
        UnixStat stat = UnixStat.of(file);
        int format = stat.format();
        if (format == UnixStat.S_IFSOCK) {
            return new Entry(path, stat, null, null, null, null);
        }
        try {
            Metadata metadata = metadata(file, stat, path);
            return switch (format) {
                case UnixStat.S_IFDIR -> new Entry(path, stat, metadata, null, submit(file, path), null);
                case UnixStat.S_IFREG -> node(path, stat, new RegularFile(metadata,
                        Content.ofFile(file, 0, stat.size())));
                case UnixStat.S_IFLNK -> node(path, stat, symlink(file, path, metadata));
                case UnixStat.S_IFCHR -> node(path, stat, device(path, metadata, FileType.CHAR_DEVICE, stat));
                case UnixStat.S_IFBLK -> node(path, stat, device(path, metadata, FileType.BLOCK_DEVICE, stat));
                case UnixStat.S_IFIFO -> node(path, stat, new Fifo(metadata));
                default -> throw new InvalidEntryException(path, "unknown file type 0" + Integer.toOctalString(format));
            };
        } catch (IOException | RuntimeException e) {
            return new Entry(path, stat, null, null, null, e);
        }
    }

    private static Entry node(String path, UnixStat stat, Node node) {
        return new Entry(path, stat, node.metadata(), node, null, null);
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

    static Metadata metadata(Path file, UnixStat stat, String path) throws IOException {
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
