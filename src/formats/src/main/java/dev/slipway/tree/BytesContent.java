package dev.slipway.tree;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

record BytesContent(byte[] bytes) implements Content {

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void copyTo(long offset, long length, FileChannel target, long targetPosition) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(bytes, Math.toIntExact(offset), Math.toIntExact(length));
        while (source.hasRemaining()) {
            targetPosition += target.write(source, targetPosition);
        }
    }

    @Override
    public void read(long offset, ByteBuffer destination) {
        destination.put(bytes, Math.toIntExact(offset), destination.remaining());
    }
}
