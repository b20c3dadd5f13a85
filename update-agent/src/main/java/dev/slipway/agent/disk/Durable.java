package dev.slipway.agent.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The steps that make a change to a directory of files survive a crash: a file's bytes are durable after fsync of
 * the file, and a new name, a rename or a removal after fsync of the directory that holds it.
 */
final class Durable {

    private Durable() {
    }

    /** fsync of a directory, which is what makes a create, rename or delete in it durable (ext4, vfat). */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Replaces {@code target} with {@code bytes}: written to {@code temporary} (in the same directory, so that the
     * rename stays within one filesystem), fsynced, renamed over {@code target}, then the directory fsynced. A
     * crash at any point leaves {@code target} old or new, and at most a stale {@code temporary}, which the next
     * call removes first.
     *
     * @param attributes the new file's attributes (its permissions), applied as it is created
     */
    static void replace(Path target, Path temporary, byte[] bytes, FileAttribute<?>... attributes)
            throws IOException {
        Files.deleteIfExists(temporary);
        var options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel out = FileChannel.open(temporary, options, attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
    }

    /**
     * Makes {@code directory} and its missing parents, each durable (its parent fsynced after it is made).
     *
     * @param attributes attributes of each directory made (its permissions)
     */
    static void makeDirectories(Path directory, FileAttribute<?>... attributes) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = directory; p != null && !Files.exists(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        for (Path p : missing) {
            Files.createDirectory(p, attributes);
            syncDirectory(p.getParent());
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
    }
}
