package dev.slipway.tree;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code size} bytes of {@code file} from {@code base}: a whole source file, or one spooled entry.
 * Never follows a symlink: a file swapped for a link after the walk must not pull in other data.
 */
record FileRegionContent(Path file, long base, long size) implements Content {

    @Override
    public void copyTo(long offset, long length, FileChannel target, long targetPosition) throws IOException {
        checkRange(offset, length);
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long done = 0;
            while (done < length) {
                long n = source.transferTo(base + offset + done, length - done, target.position(targetPosition + done));
                if (n <= 0) {
                    throw new EOFException(file + " ended early: it changed while being read");
                }
                done += n;
            }
        }
    }

    @Override
    public void read(long offset, ByteBuffer destination) throws IOException {
        checkRange(offset, destination.remaining());
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long position = base + offset;
            while (destination.hasRemaining()) {
                int n = source.read(destination, position);
                if (n < 0) {
                    throw new EOFException(file + " ended early: it changed while being read");
                }
                position += n;
            }
        }
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + size + " bytes of " + file);
        }
    }
}
