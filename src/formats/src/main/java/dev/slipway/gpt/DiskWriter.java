package dev.slipway.gpt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where {@link PartitionTable#updateInPlace(DiskWriter, long)} writes: a disk image file, a block
 * device, or the update agent's own disk layer (which may lose every write not yet forced, to test
 * crashes). The counterpart of {@link PositionalReader}.
 */
public interface DiskWriter {

    /** Writes all of {@code src}, from its position to its limit, at byte {@code position} of the disk. */
    void writeFully(ByteBuffer src, long position) throws IOException;

    /** Returns once every write so far is durable: a later crash keeps them all. */
    void force() throws IOException;

    /** A writer onto {@code channel}; {@link #force} forces its data ({@code force(false)}). */
    static DiskWriter of(FileChannel channel) {
        return new DiskWriter() {
            @Override
            public void writeFully(ByteBuffer src, long position) throws IOException {
                long start = position - src.position();
                while (src.hasRemaining()) {
                    channel.write(src, start + src.position());
                }
            }

            @Override
            public void force() throws IOException {
                channel.force(false);
            }
        };
    }
}
