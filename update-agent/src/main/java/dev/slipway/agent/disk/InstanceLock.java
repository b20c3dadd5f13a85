package dev.slipway.agent.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * One agent at a time per state directory: an exclusive lock on {@code STATE/agent.lock}, held while this object
 * is open. The lock is an fcntl (POSIX record) lock, which is what {@link FileChannel#tryLock()} takes on Linux: the
 * kernel drops it when the holder exits, however it exits, so a crashed agent never leaves the directory locked.
 * The file records the holder's pid and command, for the refusal to name them.
 *
 * <p>fcntl locks belong to a process, and closing any descriptor of the file drops them; so this class never
 * opens the file a second time in a process that holds it, and refuses a second lock in the same JVM at once.
 */
public final class InstanceLock implements AutoCloseable {

    public static final String FILE_NAME = "agent.lock";
    private static final Duration POLL = Duration.ofMillis(100);
    /** The lock files this JVM holds, by absolute path. */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code stateDirectory} (which must exist), waiting up to {@code wait} for a holder to let go.
     *
     * @param command what this process is, as a refusal elsewhere will name it ({@code slipway-agent run})
     * @throws InstanceLockedException when another process (or this one) still holds it after {@code wait}
     * @throws IOException             when the lock file cannot be opened or written
     */
    public static InstanceLock acquire(Path stateDirectory, Duration wait, String command) throws IOException {
        // The real path, so that two spellings of one directory (a symlink) are one lock within this JVM too.
        Path file = stateDirectory.toRealPath().resolve(FILE_NAME);
        synchronized (HELD) {
            // Reserved before waiting, so a second caller in this JVM is refused rather than opening the file.
            if (!HELD.add(file)) {
                throw new InstanceLockedException(file, ProcessHandle.current().pid(), null);
            }
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            FileLock lock = waitFor(channel, wait);
            if (lock == null) {
                throw refusal(file, channel);
            }
            record(channel, command);
            return new InstanceLock(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            release(file);
            throw e;
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Lets go of the lock; the file stays, holding the last holder's pid. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } finally {
            channel.close();
            release(file);
        }
    }

    private static void release(Path file) {
        synchronized (HELD) {
            HELD.remove(file);
        }
    }

    private static FileLock waitFor(FileChannel channel, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null || System.nanoTime() - deadline >= 0) {
                return lock;
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + channel, e);
            }
        }
    }

    private static void record(FileChannel channel, String command) throws IOException {
        byte[] text = ("pid " + ProcessHandle.current().pid() + "\ncommand " + command.replace('\n', ' ') + "\n")
                .getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text), 0);
        channel.force(false);
    }

    /** The holder as its lock file names it; the file may be empty if the holder has only just taken the lock. */
    private static InstanceLockedException refusal(Path file, FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // reads up to 4 KiB: more is not a lock file this class wrote
        }
        long pid = -1;
        String command = null;
        for (String line : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("pid ")) {
                try {
                    pid = Long.parseLong(line.substring(4).strip());
                } catch (NumberFormatException e) {
                    pid = -1;
                }
            } else if (line.startsWith("command ")) {
                command = line.substring(8).strip();
            }
        }
        return new InstanceLockedException(file, pid, command);
    }
}
