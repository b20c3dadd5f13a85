package dev.slipway.agent.kvp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;

/** The file side of a {@link KvpPool}: locking, whole reads, creation. Callers hold KvpPool's in-process lock. */
final class PoolFile {

    /** Far beyond what any guest writes (cloud-init truncates the pool once per boot); a bound on memory. */
    static final long MAX_POOL_BYTES = 16L * 1024 * 1024;
    private static final long LOCK_POLL_MILLIS = 20;

    private final Path file;
    private final boolean createIfMissing;
    private final Duration lockTimeout;

    PoolFile(Path file, boolean createIfMissing, Duration lockTimeout) {
        this.file = file;
        this.createIfMissing = createIfMissing;
        this.lockTimeout = lockTimeout;
    }

    /**
     * An fcntl lock on the whole file (Long.MAX_VALUE is the JDK's "to EOF", l_len 0), polled until
     * {@code lockTimeout} so that a holder that never lets go cannot hang the agent.
     */
    FileLock lock(FileChannel channel, boolean shared) throws IOException {
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        while (true) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException(file + " stayed locked by another process for " + lockTimeout.toMillis()
                        + " ms (hv_kvp_daemon or another guest agent; /proc/locks shows the holder); try again later");
            }
            try {
                Thread.sleep(LOCK_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the lock on " + file);
            }
        }
    }

    /** The whole file. */
    byte[] readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > MAX_POOL_BYTES) {
            throw new IOException(file + " is " + size + " bytes, more than the " + MAX_POOL_BYTES
                    + " a KVP pool should ever hold; it is not a pool, or something filled it: inspect it");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                break; // shrunk by a writer that ignores the lock: use what is there
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    void requireWholeRecords(long length) throws IOException {
        if (length % KvpRecords.RECORD_SIZE != 0) {
            throw new IOException(file + " is " + length + " bytes, not a whole number of " + KvpRecords.RECORD_SIZE
                    + "-byte KVP records (a torn write?); not writing to it. Remove it and restart hv_kvp_daemon"
                    + " to start a new pool");
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    /** Creates the file (0644) and its directory (0755) when missing and allowed to, as hv_kvp_daemon does. */
    void ensureExists() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        if (!createIfMissing) {
            throw new NoSuchFileException(file.toString(), null, "no KVP pool here; hv_kvp_daemon (Debian package"
                    + " hyperv-daemons) creates the pools when it starts: is this a Hyper-V or Azure guest with it"
                    + " running?");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (FileAlreadyExistsException raced) {
                // made by another process meanwhile: fine
            }
        }
        try {
            Files.createFile(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (FileAlreadyExistsException raced) {
            // made by hv_kvp_daemon meanwhile: fine
        }
    }
}
