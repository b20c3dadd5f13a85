package dev.slipway.agent.testing;

import java.time.Duration;

/** What {@link FaultyServer} does wrong when answering one path. Body offsets count from the body's start. */
public sealed interface Fault {

    /** Announce the full length, send {@code bytes} of the body, then close the connection normally. */
    record TruncateAfter(long bytes) implements Fault {
    }

    /** Send the byte at file offset {@code offset} inverted (every bit flipped), everything else as it is. */
    record CorruptByte(long offset) implements Fault {
    }

    /** Send {@code count} bytes more than the Content-Length announces, then close. */
    record ExtraBytes(int count) implements Fault {
    }

    /** Announce a Content-Length {@code extra} bytes larger than what is sent, then close. */
    record OverstateLength(long extra) implements Fault {
    }

    /** Answer with this status (404, 500, 503, ...) and a short text body. */
    record Status(int code) implements Fault {
    }

    /** Send the body in pieces of {@code chunkBytes}, waiting {@code delay} before each. */
    record Slow(Duration delay, int chunkBytes) implements Fault {
    }

    /** Send {@code bytes} of the body, then nothing more, keeping the connection open until the server closes. */
    record StallAfter(long bytes) implements Fault {
    }

    /** Read the request and answer nothing at all, keeping the connection open until the server closes. */
    record StallBeforeHeaders() implements Fault {
    }

    /** Send {@code bytes} of the body, then close with SO_LINGER 0, so the client sees a TCP reset. */
    record ResetAfter(long bytes) implements Fault {
    }

    /** Answer a Range request with 200 and the whole file, as servers without range support do. */
    record IgnoreRange() implements Fault {
    }

    /** Answer a Range request with the range {@code shift} bytes further on (header and bytes agreeing). */
    record WrongContentRange(long shift) implements Fault {
    }

    /** Answer 200 (Range or not) without a Content-Length and send bytes until the client gives up ("endless data"). */
    record Endless() implements Fault {
    }

    /** Answer with a redirect ({@code status} 301, 302, 307 or 308) to {@code location}. */
    record Redirect(int status, String location) implements Fault {
    }
}
