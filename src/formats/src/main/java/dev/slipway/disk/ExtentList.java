package dev.slipway.disk;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects extents in ascending order and merges each with the previous one when they touch, so
 * that a disk scanned chunk by chunk is described by as few extents as it has data runs.
 */
public final class ExtentList {

    private final List<Extent> extents = new ArrayList<>();
    private long start = -1;
    private long end = -1;

    /**
     * Adds {@code [offset, offset + length)}; nothing for a zero length.
     *
     * @throws IllegalArgumentException if the range starts before the end of the previous one
     */
    public ExtentList add(long offset, long length) {
        if (length == 0) {
            return this;
        }
        if (offset < end) {
            throw new IllegalArgumentException("extent at " + offset + " starts before the previous one ends (" + end + ")");
        }
        if (offset == end) {
            end += length;
            return this;
        }
        flush();
        start = offset;
        end = offset + length;
        return this;
    }

    /** The extents added so far, merged; the list can still grow afterwards. */
    public List<Extent> toList() {
        List<Extent> copy = new ArrayList<>(extents);
        if (start >= 0) {
            copy.add(new Extent(start, end - start));
        }
        return List.copyOf(copy);
    }

    private void flush() {
        if (start >= 0) {
            extents.add(new Extent(start, end - start));
        }
    }
}
