package dev.slipway.disk;

import dev.slipway.io.Progress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies a disk's data into an image file without writing zeros, so the output stays sparse.
 * Each extent is read in pieces that never cross a 1 MiB boundary of the virtual disk; within a
 * piece, runs of 4 KiB grains (aligned on the virtual disk) that hold a non-zero byte are written,
 * all-zero grains are skipped. A {@link Placement} maps each run to its place in the file; since
 * runs never cross a 1 MiB boundary, formats whose blocks are whole MiB can map block by block.
 *
 * <p>Pieces are read, scanned and written on several threads, a batch at a time; the placement is
 * asked on the calling thread in ascending disk order, so the output never depends on timing.
 * Memory use is one 1 MiB buffer per piece of a batch, whatever the disk's size.
 */
public final class SparseCopy {

    /** Largest piece read at once; pieces never cross a multiple of it. */
    public static final int CHUNK = 1 << 20;
    /** Granularity of zero detection; a multiple of every filesystem block size in use. */
    public static final int GRAIN = 4096;
    private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final int BATCH = THREADS * 4;
    /** Longest single kernel copy when zeros are not detected. */
    private static final long MAX_RUN = 64L << 20;

    /** Where a byte of the virtual disk goes in the output file. */
    @FunctionalInterface
    public interface Placement {
        /**
         * The file position for {@code diskOffset}; {@code diskOffset + length} stays within the
         * same 1 MiB of the virtual disk. Called on one thread, in ascending order of disk offsets.
         */
        long position(long diskOffset, int length) throws IOException;
    }

    /** Bytes read from the source's extents and bytes written to the target. */
    public record Stats(long bytesRead, long bytesWritten) {
    }

    private SparseCopy() {
    }

    /**
     * Copies every non-zero grain of {@code source} to {@code target}. With {@code detectZeros}
     * off, whole extents are copied through {@link DiskSource#transferTo} instead (in the kernel
     * for plain files, on the calling thread), zeros included.
     *
     * @param progress told the number of bytes in the extents, then each batch done
     */
    public static Stats copy(DiskSource source, FileChannel target, Placement placement, boolean detectZeros,
                             Progress progress) throws IOException {
        long total = 0;
        for (Extent extent : source.extents()) {
            total += extent.length();
        }
        progress.start("copying " + source.description(), total);
        Pieces pieces = new Pieces(source.extents());
        long written = 0;
        if (!detectZeros) {
            // Pieces that land next to each other go to the kernel as one copy of up to MAX_RUN:
            // copy_file_range a MiB at a time costs several times more (measured).
            long runOffset = 0;
            long runPosition = 0;
            long runLength = 0;
            while (pieces.next()) {
                long position = placement.position(pieces.offset, pieces.length);
                boolean adjacent = pieces.offset == runOffset + runLength && position == runPosition + runLength;
                if (!adjacent || runLength >= MAX_RUN) {
                    flush(source, target, runOffset, runLength, runPosition, progress);
                    runOffset = pieces.offset;
                    runPosition = position;
                    runLength = 0;
                }
                runLength += pieces.length;
                written += pieces.length;
            }
            flush(source, target, runOffset, runLength, runPosition, progress);
        } else {
            try (ExecutorService workers = Executors.newFixedThreadPool(THREADS, r -> {
                Thread thread = new Thread(r, "slipway-sparse-copy");
                thread.setDaemon(true);
                return thread;
            })) {
                List<Piece> free = new ArrayList<>();
                ZeroTest zeros = new ZeroTest(CHUNK);
                List<Piece> batch = new ArrayList<>();
                while (true) {
                    batch.clear();
                    while (batch.size() < BATCH && pieces.next()) {
                        if (free.size() == batch.size()) {
                            free.add(new Piece(ByteBuffer.allocateDirect(CHUNK)));
                        }
                        batch.add(free.get(batch.size()).reset(pieces.offset, pieces.length));
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    await(workers, batch, piece -> piece.scan(source, zeros));
                    for (Piece piece : batch) {
                        written += piece.place(placement);
                    }
                    await(workers, batch, piece -> piece.write(target));
                    progress.advance(batch.stream().mapToLong(p -> p.length).sum());
                }
            }
        }
        progress.finish();
        return new Stats(total, written);
    }

    private static void flush(DiskSource source, FileChannel target, long offset, long length, long position,
                              Progress progress) throws IOException {
        if (length > 0) {
            source.transferTo(offset, length, target, position);
            progress.advance(length);
        }
    }

    /** Walks the extents in pieces that end at the extent's end or the next multiple of {@link #CHUNK}. */
    private static final class Pieces {
        private final List<Extent> extents;
        private int index;
        private long at = -1;
        long offset;
        int length;

        Pieces(List<Extent> extents) {
            this.extents = extents;
        }

        boolean next() {
            while (index < extents.size()) {
                Extent extent = extents.get(index);
                if (at < extent.offset()) {
                    at = extent.offset();
                }
                if (at < extent.end()) {
                    offset = at;
                    length = (int) Math.min(extent.end() - at, CHUNK - (at & (CHUNK - 1)));
                    at += length;
                    return true;
                }
                index++;
            }
            return false;
        }
    }

    private interface Step {
        void run(Piece piece) throws IOException;
    }

    private static void await(ExecutorService workers, List<Piece> pieces, Step step) throws IOException {
        List<Future<?>> futures = new ArrayList<>();
        for (Piece piece : pieces) {
            futures.add(workers.submit(() -> {
                try {
                    step.run(piece);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying disk data");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /** One piece of the disk, its buffer and the runs of non-zero grains found in it. */
    private static final class Piece {
        final ByteBuffer buffer;
        long offset;
        int length;
        /** Pairs of start and end indexes into the buffer, then the file positions. */
        final List<int[]> runs = new ArrayList<>();
        final List<Long> positions = new ArrayList<>();

        Piece(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        Piece reset(long offset, int length) {
            this.offset = offset;
            this.length = length;
            runs.clear();
            positions.clear();
            return this;
        }

        void scan(DiskSource source, ZeroTest zeros) throws IOException {
            ByteBuffer data = buffer.clear().limit(length);
            source.read(data, offset);
            data.flip();
            int at = 0;
            while (at < length) {
                int nonZero = zeros.firstNonZero(data, at, length);
                if (nonZero == length) {
                    break;
                }
                int start = Math.max(at, grainStart(nonZero));
                int end = grainEnd(start);
                while (end < length && !zeros.isZero(data, end, grainEnd(end))) {
                    end = grainEnd(end);
                }
                runs.add(new int[] {start, end});
                at = end;
            }
        }

        long place(Placement placement) throws IOException {
            long bytes = 0;
            for (int[] run : runs) {
                positions.add(placement.position(offset + run[0], run[1] - run[0]));
                bytes += run[1] - run[0];
            }
            return bytes;
        }

        void write(FileChannel target) throws IOException {
            for (int i = 0; i < runs.size(); i++) {
                ByteBuffer run = buffer.slice(runs.get(i)[0], runs.get(i)[1] - runs.get(i)[0]);
                long position = positions.get(i);
                while (run.hasRemaining()) {
                    position += target.write(run, position);
                }
            }
        }

        /** The buffer index where the grain holding {@code index} starts (may be before 0). */
        private int grainStart(int index) {
            return index - (int) ((offset + index) & (GRAIN - 1));
        }

        /** The buffer index where the grain starting at or holding {@code index} ends, at most the length. */
        private int grainEnd(int index) {
            long end = ((offset + index) | (GRAIN - 1)) + 1;
            return (int) Math.min(length, end - offset);
        }
    }
}
