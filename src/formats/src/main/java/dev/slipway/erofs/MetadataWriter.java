package dev.slipway.erofs;

import dev.slipway.io.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Writes the metadata area (block 0 onwards) sequentially through one large buffer. Every byte is
 * put explicitly, gaps as zeros, so the reused buffer never leaks stale bytes. Block 0 carries the
 * superblock, whose checksum covers the rest of that block: it is sealed just before the first
 * flush, when block 0 is complete.
 */
final class MetadataWriter {

    static final int BUFFER_SIZE = 4 << 20;
    private static final byte[] ZEROS = new byte[ErofsImage.BLOCK_SIZE];

    private final FileChannel channel;
    private final Progress progress;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private long flushed;

    MetadataWriter(FileChannel channel, Progress progress, Superblock superblock) throws IOException {
        this.channel = channel;
        this.progress = progress;
        zeros(Superblock.OFFSET);
        superblock.encodeInto(buffer);
        buffer.position(Superblock.OFFSET + Superblock.SIZE);
    }

    /** Image offset of the next byte. */
    long position() {
        return flushed + buffer.position();
    }

    /**
     * Makes room for {@code n} bytes and returns the buffer positioned where they go; the caller
     * writes exactly {@code n} bytes through relative puts or advances the position past them.
     */
    ByteBuffer reserve(int n) throws IOException {
        if (n > BUFFER_SIZE) {
            throw new IllegalArgumentException(n + " bytes of metadata in one piece");
        }
        if (buffer.remaining() < n) {
            flush();
        }
        return buffer;
    }

    void zeros(long n) throws IOException {
        while (n > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int chunk = (int) Math.min(n, Math.min(buffer.remaining(), ZEROS.length));
            buffer.put(ZEROS, 0, chunk);
            n -= chunk;
        }
    }

    /** Pads to {@code offset} with zeros; metadata only moves forward. */
    void padTo(long offset) throws IOException {
        if (offset < position()) {
            throw new IllegalStateException("metadata at " + position() + " already past " + offset);
        }
        zeros(offset - position());
    }

    /** Writes out whatever is buffered; call once the area is complete. */
    void finish() throws IOException {
        flush();
    }

    private void flush() throws IOException {
        if (flushed == 0) {
            if (buffer.position() < ErofsImage.BLOCK_SIZE) {
                throw new IllegalStateException("block 0 is incomplete at the first flush");
            }
            Superblock.seal(buffer);
        }
        buffer.flip();
        int n = buffer.remaining();
        while (buffer.hasRemaining()) {
            channel.write(buffer, flushed + buffer.position());
        }
        flushed += n;
        buffer.clear();
        progress.advance(n);
    }
}
