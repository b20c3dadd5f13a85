package dev.slipway.agent.node;

import dev.slipway.agent.disk.BlockDevice;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A disk image file or a block device ({@code /dev/sda}); durable after {@link #sync()} (fsync). */
public final class FileBlockDevice implements BlockDevice {

    private final FileChannel channel;
    private final long size;

    private FileBlockDevice(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /**
     * Opens {@code path} for reading and writing. For a disk image with a container footer after the disk (a
     * fixed VHD) pass the raw disk's size; otherwise the file's or device's size is used.
     */
    public static FileBlockDevice open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new FileBlockDevice(channel, channel.size());
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
                throw new EOFException("the disk ends at byte " + size + ", before byte " + at);
            }
            at += n;
        }
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
        if (position < 0 || position + src.remaining() > size) {
            throw new IOException("a write of " + src.remaining() + " bytes at " + position + " leaves the disk of "
                    + size + " bytes");
        }
        long at = position;
        while (src.hasRemaining()) {
            at += channel.write(src, at);
        }
    }

    @Override
    public void sync() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
