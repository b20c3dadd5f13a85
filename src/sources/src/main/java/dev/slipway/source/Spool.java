package dev.slipway.source;

import dev.slipway.tree.Content;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One file that holds the contents of every regular file of a tarball, back to back, so that the
 * tree can refer to them as {@link Content#ofFile} regions. Runs of zeros are not written, which
 * leaves holes: a sparse archive member costs no more disk in the spool than in the archive.
 */
final class Spool implements Closeable {

    private static final int CHUNK = 1 << 16;
    private static final byte[] ZEROS = new byte[CHUNK];

    private final Path file;
    private final FileChannel channel;
    private final byte[] buffer = new byte[CHUNK];
    private long end;
    private long written;

    Spool(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
    }

    /**
     * Copies exactly {@code size} bytes from {@code in} to the end of the spool.
     *
     * @throws EOFException when {@code in} ends first
     */
    Content append(InputStream in, long size) throws IOException {
        long start = end;
        long done = 0;
        while (done < size) {
            int n = in.read(buffer, 0, (int) Math.min(CHUNK, size - done));
            if (n < 0) {
                throw new EOFException("data ends after " + done + " of " + size + " bytes");
            }
            if (Arrays.mismatch(buffer, 0, n, ZEROS, 0, n) >= 0) {
                write(ByteBuffer.wrap(buffer, 0, n), start + done);
            }
            done += n;
        }
        end = start + size;
        if (size > 0 && end > written) {
            write(ByteBuffer.wrap(new byte[1]), end - 1);
        }
        return Content.ofFile(file, start, size);
    }

    private void write(ByteBuffer bytes, long position) throws WriteException {
        try {
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            written = Math.max(written, position);
        } catch (IOException e) {
            throw new WriteException("cannot write the spool file " + file + ": " + e.getMessage()
                    + " (is there room in " + file.getParent() + "?)", e);
        }
    }

    /** Writing the spool failed: a problem of this machine, not of the archive. */
    static final class WriteException extends IOException {
        private static final long serialVersionUID = 1L;

        WriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
