package dev.slipway.gpt;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where a table is read from: a disk image file, a device, or any virtual disk that can fill a
 * buffer from a byte position (a VHDX through its block table).
 */
@FunctionalInterface
public interface PositionalReader {

    /** Fills {@code dst} with the bytes starting at {@code position}; EOFException when the disk ends first. */
    void readFully(ByteBuffer dst, long position) throws IOException;

    static PositionalReader of(FileChannel channel) {
        return (dst, position) -> {
            long start = position - dst.position();
            while (dst.hasRemaining()) {
                if (channel.read(dst, start + dst.position()) < 0) {
                    throw new EOFException("the disk ends at byte " + channel.size());
                }
            }
        };
    }
}
