package dev.slipway.disk;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The pure-Java {@link HoleFinder}: reads the file in aligned chunks and reports those that are not
 * all zeros. Works on every filesystem, at the price of reading everything once.
 */
public final class ScanningHoleFinder implements HoleFinder {

    private final int chunkSize;

    /** @param chunkSize granularity of the answer in bytes, a power of two */
    public ScanningHoleFinder(int chunkSize) {
        if (chunkSize <= 0 || Integer.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is not a power of two");
        }
        this.chunkSize = chunkSize;
    }

    @Override
    public List<Extent> dataExtents(Path file, long length) throws IOException {
        ExtentList found = new ExtentList();
        ByteBuffer buffer = ByteBuffer.allocateDirect(chunkSize);
        ZeroTest zeros = new ZeroTest(chunkSize);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long offset = 0; offset < length; offset += chunkSize) {
                int n = (int) Math.min(chunkSize, length - offset);
                buffer.clear().limit(n);
                readFully(channel, buffer, offset, file);
                if (!zeros.isZero(buffer.flip(), 0, n)) {
                    found.add(offset, n);
                }
            }
        }
        return found.toList();
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long offset, Object file) throws IOException {
        long position = offset;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new EOFException(file + " ends at " + position + ", before the " + buffer.remaining()
                        + " more bytes expected there");
            }
            position += n;
        }
    }
}
