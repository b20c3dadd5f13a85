package dev.slipway.disk;

import java.nio.ByteBuffer;

/**
 * Tells whether part of a buffer is all zeros, by comparing it with a zero buffer through
 * {@link ByteBuffer#mismatch}, which the JDK vectorises.
 */
public final class ZeroTest {

    private final ByteBuffer zeros;

    /** @param capacity the longest range that will be tested */
    public ZeroTest(int capacity) {
        this.zeros = ByteBuffer.allocateDirect(capacity);
    }

    /** Whether {@code buffer[from, to)} (absolute indexes) is all zeros. */
    public boolean isZero(ByteBuffer buffer, int from, int to) {
        return firstNonZero(buffer, from, to) == to;
    }

    /** The index of the first non-zero byte of {@code buffer[from, to)}, or {@code to}. */
    public int firstNonZero(ByteBuffer buffer, int from, int to) {
        int mismatch = buffer.slice(from, to - from).mismatch(zeros.slice(0, to - from));
        return mismatch < 0 ? to : from + mismatch;
    }
}
