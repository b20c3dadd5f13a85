package dev.slipway.repository;

import dev.slipway.repository.PublishException.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a repository for one publish or refresh, so two publishers cannot both read
 * channel version N and both write N + 1. It is an fcntl lock on {@link RepositoryLayout#LOCK}: the
 * kernel releases it when the process ends, so a crashed publisher leaves nothing to clean up.
 */
final class RepositoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RepositoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws PublishException ({@link Reason#BUSY}) if another publish holds the lock */
    static RepositoryLock acquire(Path repository) throws IOException, PublishException {
        Path file = repository.resolve(RepositoryLayout.LOCK);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new PublishException(Reason.BUSY, "another publish or refresh into " + repository + " is running"
                    + " (it holds " + file + "); try again when it has finished");
        }
        return new RepositoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
