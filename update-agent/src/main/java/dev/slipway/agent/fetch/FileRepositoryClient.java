package dev.slipway.agent.fetch;

import dev.slipway.agent.fetch.FetchException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A repository in a local directory (a second disk, a mounted share), with the same bounds and errors as over
 * HTTP. Symbolic links are followed only while they stay inside the directory, as a web server's root would
 * keep them. The directory is looked up on every call, so it may be mounted after the client was made.
 */
final class FileRepositoryClient implements RepositoryClient {

    private final Path base;
    private final AtomicLong received = new AtomicLong();

    FileRepositoryClient(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    @Override
    public byte[] fetch(String path, long maxBytes) throws FetchException {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes must be 0.." + (Integer.MAX_VALUE - 16) + ", not " + maxBytes);
        }
        String url = describe(path);
        try (FileChannel channel = open(path)) {
            long size = channel.size();
            if (size > maxBytes) {
                throw new FetchException(Reason.TOO_LARGE, url, url + ": the file has " + size
                        + " bytes, more than the " + maxBytes + " allowed for it, so it was not read. The repository"
                        + " holds something other than what its signed metadata describes.");
            }
            // Bounded again while reading: the file may grow after its size was taken.
            byte[] bytes = new ChannelRange(channel, url, 0, maxBytes + 1, -1, received).readAllBytes();
            if (bytes.length > maxBytes) {
                throw new FetchException(Reason.TOO_LARGE, url, url + ": the file grew past the " + maxBytes
                        + " bytes allowed while it was read. Something is writing into the repository.");
            }
            return bytes;
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw readFailed(url, e);
        }
    }

    @Override
    public InputStream openRange(String path, long offset, long length) throws FetchException {
        Ranges.check(offset, length);
        String url = describe(path);
        FileChannel channel = open(path);
        try {
            long size = channel.size();
            if (offset + length > size) {
                throw Ranges.pastEnd(url, "bytes " + offset + "-" + (offset + length - 1), size);
            }
            return new ChannelRange(channel, url, offset, length, length, received);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof FetchException f ? f : readFailed(url, e);
        }
    }

    @Override
    public long bytesFetched() {
        return received.get();
    }

    @Override
    public String describe(String path) {
        return base.resolve(RepositoryPaths.check(path)).toString();
    }

    @Override
    public void close() {
        // Every channel belongs to a call or a stream the caller closes.
    }

    private FileChannel open(String path) throws FetchException {
        String url = describe(path);
        Path real;
        Path root;
        try {
            root = base.toRealPath();
        } catch (IOException e) {
            throw new FetchException(Reason.NOT_FOUND, url, url + ": the repository directory " + base
                    + " cannot be read (" + Causes.describe(e) + "). Check that its disk is attached and mounted.", e);
        }
        try {
            real = base.resolve(path).toRealPath();
        } catch (NoSuchFileException e) {
            throw new FetchException(Reason.NOT_FOUND, url, url + ": no such file. Check the repository directory"
                    + " in the agent's configuration and that this release was copied completely.", e);
        } catch (IOException e) {
            throw readFailed(url, e);
        }
        if (!real.startsWith(root)) {
            throw new FetchException(Reason.BAD_RESPONSE, url, url + ": a symbolic link leads outside the repository"
                    + " directory (to " + real + "), which the agent refuses. Copy the file into the repository.");
        }
        if (!Files.isRegularFile(real)) {
            throw new FetchException(Reason.NOT_FOUND, url, url + ": not a regular file. Check the repository's"
                    + " layout.");
        }
        try {
            return FileChannel.open(real, StandardOpenOption.READ);
        } catch (IOException e) {
            throw readFailed(url, e);
        }
    }

    private static FetchException readFailed(String url, IOException e) {
        return new FetchException(Reason.IO, url, url + ": reading failed: " + Causes.describe(e)
                + ". Check the disk that holds the repository.", e);
    }

    /** Exactly {@code length} bytes of a channel from {@code offset} (at most {@code limit}); closes the channel. */
    private static final class ChannelRange extends InputStream {
        private final FileChannel channel;
        private final String url;
        private final long limit;
        private final long expected;
        private final AtomicLong received;
        private long position;
        private long delivered;

        ChannelRange(FileChannel channel, String url, long offset, long limit, long expected, AtomicLong received) {
            this.channel = channel;
            this.url = url;
            this.position = offset;
            this.limit = limit;
            this.expected = expected;
            this.received = received;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (delivered >= limit) {
                return -1;
            }
            int want = (int) Math.min(len, limit - delivered);
            int n;
            try {
                n = channel.read(ByteBuffer.wrap(b, off, want), position);
            } catch (IOException e) {
                throw readFailed(url, e);
            }
            if (n < 0) {
                if (expected >= 0 && delivered < expected) {
                    throw new FetchException(Reason.TRUNCATED, url, url + ": the file ended after " + delivered
                            + " of " + expected + " bytes; it was cut while being read. Something is writing into"
                            + " the repository.");
                }
                return -1;
            }
            position += n;
            delivered += n;
            received.addAndGet(n);
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
