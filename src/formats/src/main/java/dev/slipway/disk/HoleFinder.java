package dev.slipway.disk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds where a file's data is, so that a sparse raw image is read only where it holds data.
 * Implementations may report zeros as data (a coarser answer only costs reading), never data as a
 * hole. {@link #SCAN} reads the file; the builder plugs in one that asks the filesystem
 * ({@code lseek} with {@code SEEK_DATA}/{@code SEEK_HOLE}).
 */
@FunctionalInterface
public interface HoleFinder {

    /** Reads the whole file and reports the 1 MiB chunks that are not all zeros. */
    HoleFinder SCAN = new ScanningHoleFinder(1 << 20);

    /**
     * The extents of the first {@code length} bytes of {@code file} that may hold data: ascending,
     * non-overlapping, within {@code [0, length)}.
     */
    List<Extent> dataExtents(Path file, long length) throws IOException;
}
