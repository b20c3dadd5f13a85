package dev.slipway.tree;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of a regular file, read on demand so a tree of any size never sits in memory. Sources
 * hand out contents backed by the original file or by a spool file; tests use {@link #ofBytes}.
 *
 * <p>Implementations must allow concurrent calls: writers copy a file's blocks on several threads
 * and may read its tail meanwhile.
 */
public interface Content {

    long size();

    /**
     * Copies {@code length} bytes starting at {@code offset} into {@code target} at
     * {@code targetPosition}. Fails when the source ends early (it changed while reading).
     */
    void copyTo(long offset, long length, FileChannel target, long targetPosition) throws IOException;

    /** Fills {@code destination} with the bytes starting at {@code offset}. */
    void read(long offset, ByteBuffer destination) throws IOException;

    static Content ofBytes(byte[] bytes) {
        return new BytesContent(bytes.clone());
    }

    static Content ofFile(java.nio.file.Path file, long offset, long size) {
        return new FileRegionContent(file, offset, size);
    }
}
