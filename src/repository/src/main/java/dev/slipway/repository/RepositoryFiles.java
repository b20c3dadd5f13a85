package dev.slipway.repository;

import dev.slipway.io.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * File operations of publishing: whole files replaced by an atomic rename, made durable and
 * readable by a web server whatever the publisher's umask; digests; tree comparison.
 */
final class RepositoryFiles {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final int BUFFER = 1 << 20;

    private RepositoryFiles() {
    }

    /**
     * Replaces {@code target} with {@code bytes}: written to a temporary file beside it, synced,
     * then renamed over it, so a reader sees the old file or the new one, never a part.
     */
    static void replace(Path target, byte[] bytes) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        try {
            write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(directory);
    }

    /** Creates {@code directory} and its missing parents, each with mode 0755 whatever the umask. */
    static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(p);
        }
        for (Path p : missing.reversed()) {
            Files.createDirectories(p);
            readable(p);
        }
    }

    /** Writes a new file (or replaces a temporary one) with mode 0644 and syncs it. */
    static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        readable(file);
    }

    /** Syncs a written file's data, then gives it mode 0644. */
    static void seal(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        readable(file);
    }

    /** Mode 0644 for a file, 0755 for a directory: what any web server needs to serve it. */
    static void readable(Path path) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY_MODE : FILE_MODE);
        }
    }

    /** Makes a rename in {@code directory} durable. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be opened for syncing; the rename stands regardless.
        }
    }

    /** SHA-256 of bytes {@code [offset, offset + length)} of {@code file}, lowercase hex. */
    static String sha256(Path file, long offset, long length, Progress progress) throws IOException {
        MessageDigest digest = FramedPayload.sha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = offset;
            long end = offset + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(BUFFER, end - position));
                int read = in.read(buffer, position);
                if (read < 0) {
                    throw new IOException(file + " ended at byte " + position + " while it was being read");
                }
                digest.update(buffer.flip());
                position += read;
                progress.advance(read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Bytes {@code [offset, offset + length)} of {@code file}, into memory. */
    static byte[] read(Path file, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (in.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException(file + " ended at byte " + (offset + buffer.position()) + ", expected "
                            + (offset + length));
                }
            }
        }
        return buffer.array();
    }

    /** The regular files under {@code directory}, as sorted relative paths with {@code /}. */
    static List<String> files(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (!Files.isDirectory(path)) {
                    names.add(directory.relativize(path).toString().replace('\\', '/'));
                }
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /** The first difference between two directories, or null when they hold the same files and bytes. */
    static String difference(Path expected, Path actual) throws IOException {
        List<String> expectedFiles = files(expected);
        List<String> actualFiles = files(actual);
        if (!expectedFiles.equals(actualFiles)) {
            return "it holds " + actualFiles + ", this build gives " + expectedFiles;
        }
        for (String name : expectedFiles) {
            long at = Files.mismatch(expected.resolve(name), actual.resolve(name));
            if (at >= 0) {
                return name + " differs from this build's from byte " + at;
            }
        }
        return null;
    }

    /** Deletes a directory and everything in it; missing is fine. */
    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
