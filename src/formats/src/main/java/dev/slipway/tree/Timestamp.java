package dev.slipway.tree;

import java.time.Instant;

/**
 * A file time with nanosecond precision, as Linux keeps it (seconds since the Unix epoch may be
 * negative; nanos are always 0..999,999,999).
 */
public record Timestamp(long seconds, int nanos) implements Comparable<Timestamp> {

    public static final Timestamp UNIX_EPOCH = new Timestamp(0, 0);

    public Timestamp {
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanoseconds out of range: " + nanos);
        }
    }

    public static Timestamp ofSeconds(long seconds) {
        return new Timestamp(seconds, 0);
    }

    public static Timestamp of(Instant instant) {
        return new Timestamp(instant.getEpochSecond(), instant.getNano());
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The earlier of this time and {@code limit}: how reproducible builds clamp newer mtimes. */
    public Timestamp clampTo(Timestamp limit) {
        return compareTo(limit) > 0 ? limit : this;
    }

    @Override
    public int compareTo(Timestamp other) {
        int bySeconds = Long.compare(seconds, other.seconds);
        return bySeconds != 0 ? bySeconds : Integer.compare(nanos, other.nanos);
    }

    @Override
    public String toString() {
        return nanos == 0 ? Long.toString(seconds) : String.format("%d.%09d", seconds, nanos);
    }
}
