package dev.slipway.agent.disk;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The node's boot disk as bytes: a block device on a node, a disk image file in disk-image mode, and in
 * the crash tests a layer that loses every write not yet made durable. Writes are durable only after
 * {@link #sync()} returns; until then a power cut may keep any of them, or none.
 */
public interface BlockDevice extends AutoCloseable {

    /** The disk's size in bytes. */
    long size() throws IOException;

    /** Fills {@code dst} from {@code position}; an EOFException when the disk ends first. */
    void read(ByteBuffer dst, long position) throws IOException;

    /** Writes all of {@code src} at {@code position}, within the disk. */
    void write(ByteBuffer src, long position) throws IOException;

    /** Makes every write so far durable. */
    void sync() throws IOException;

    @Override
    void close() throws IOException;
}
