package dev.slipway.gpt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that "loses power" after a budget of written bytes: the write that crosses it
 * writes only the bytes up to the budget (a torn write), then it and every later write fail.
 * Positional reads, writes, size and force reach the real channel; nothing else is needed here.
 */
final class CrashingChannel extends FileChannel {

    static final class Crash extends IOException {
        Crash() {
            super("simulated crash");
        }
    }

    private final FileChannel delegate;
    private long budget;

    CrashingChannel(FileChannel delegate, long budget) {
        this.delegate = delegate;
        this.budget = budget;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (src.remaining() <= budget) {
            int written = delegate.write(src, position);
            budget -= written;
            return written;
        }
        ByteBuffer part = src.slice(src.position(), (int) budget);
        while (part.hasRemaining()) {
            delegate.write(part, position + part.position());
        }
        budget = 0;
        throw new Crash();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }

    @Override
    public int read(ByteBuffer dst) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long position() {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel position(long newPosition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }
}
