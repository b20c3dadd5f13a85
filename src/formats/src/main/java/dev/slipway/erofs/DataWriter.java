package dev.slipway.erofs;

import dev.slipway.io.Progress;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data pass: copies each inode's whole blocks to the place the planner gave them, on a few
 * threads and while the caller writes the metadata area, since one thread keeps neither the copy
 * (CPU-bound in the kernel) nor the source reads busy. Every position was fixed before this
 * starts, so the order in which copies finish changes no byte of the image.
 *
 * <p>Each thread has its own channel on the image, because {@code Content.copyTo} moves the target
 * channel's position. One inode is copied by one thread; its inline tail may be read by the
 * metadata writer at the same time, which stateless contents (a file region, bytes) allow.
 */
final class DataWriter implements AutoCloseable {

    private final List<PlannedInode> work = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean joined;

    private DataWriter() {
    }

    static int defaultThreads() {
        return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** Starts copying; {@link #finish} waits for the end, {@link #close} abandons what is left. */
    static DataWriter start(Layout layout, Path image, Progress progress, int threadCount) {
        DataWriter writer = new DataWriter();
        for (PlannedInode inode : layout.inodes()) {
            if (inode.startBlock >= 0) {
                writer.work.add(inode);
            }
        }
        Runnable copier = () -> writer.copyAll(layout, image, progress);
        for (int t = 0; t < Math.min(threadCount, writer.work.size()); t++) {
            writer.threads.add(Thread.ofPlatform().name("erofs-data-" + t).daemon().start(copier));
        }
        return writer;
    }

    private void copyAll(Layout layout, Path image, Progress progress) {
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
            for (int i = next.getAndIncrement(); i < work.size() && failure.get() == null; i = next.getAndIncrement()) {
                PlannedInode inode = work.get(i);
                layout.dataLayout().writeBlocks(inode.placement, inode.payload, channel,
                        inode.startBlock * ErofsImage.BLOCK_SIZE, progress);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** Waits for every copy and rethrows the first failure. */
    void finish() throws IOException {
        join();
        Throwable t = failure.get();
        if (t instanceof IOException e) {
            throw e;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        }
    }

    /** Stops handing out work and waits for the threads: none may outlive the write. */
    @Override
    public void close() {
        failure.compareAndSet(null, new IOException("data pass abandoned"));
        join();
    }

    private void join() {
        if (joined) {
            return;
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.compareAndSet(null, new InterruptedIOException("interrupted while writing data blocks"));
                }
            }
        }
        joined = true;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
