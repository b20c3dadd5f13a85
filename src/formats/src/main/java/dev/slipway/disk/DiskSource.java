package dev.slipway.disk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * A virtual disk that can be read without holding it in memory: a raw image, the data part of a
 * fixed VHD, or the payload blocks of a VHDX. Outside its {@linkplain #extents() extents} the disk
 * reads as zeros; inside them it may hold zeros too (extents are an upper bound on the data).
 *
 * <p>{@link #read} must be safe to call from several threads at once (positional reads do that);
 * {@link #transferTo} moves the target channel's position, so one thread at a time.
 */
public interface DiskSource extends Closeable {

    /** The virtual disk's size in bytes. */
    long size();

    /**
     * Where the data may be: ascending, non-overlapping ranges within {@code [0, size())}. Every
     * byte outside them reads as zero.
     */
    List<Extent> extents();

    /**
     * Reads {@code dst.remaining()} bytes of the virtual disk from {@code offset} into {@code dst},
     * zeros included.
     *
     * @throws IllegalArgumentException if the range reaches past {@link #size()}
     */
    void read(ByteBuffer dst, long offset) throws IOException;

    /**
     * Copies {@code length} bytes of the virtual disk from {@code offset} to {@code position} of
     * {@code target}, through {@link FileChannel#transferTo} (copy_file_range on Linux) where the
     * bytes sit in a plain file.
     *
     * @throws IllegalArgumentException if the range reaches past {@link #size()}
     */
    void transferTo(long offset, long length, FileChannel target, long position) throws IOException;

    /** How messages name this disk, e.g. the file and its format. */
    String description();

    /** Throws unless {@code [offset, offset + length)} lies within a disk of {@code size} bytes. */
    static void checkRange(long offset, long length, long size) {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new IllegalArgumentException("range at " + offset + " of " + length + " bytes is outside the disk's "
                    + size + " bytes");
        }
    }
}
