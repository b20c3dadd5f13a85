package dev.slipway.disk;

/**
 * A byte range {@code [offset, offset + length)} of a virtual disk, never empty.
 *
 * @param offset first byte, counted from the start of the virtual disk
 * @param length number of bytes, at least 1
 */
public record Extent(long offset, long length) {

    public Extent {
        if (offset < 0 || length <= 0 || offset + length < 0) {
            throw new IllegalArgumentException("not an extent: offset " + offset + ", length " + length);
        }
    }

    /** The first byte after the extent. */
    public long end() {
        return offset + length;
    }
}
