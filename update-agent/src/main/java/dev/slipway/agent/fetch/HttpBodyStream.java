package dev.slipway.agent.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A response body as an InputStream with the read timeout HttpClient lacks: the body arrives as a Flow of
 * buffers, one batch requested at a time (so at most one batch waits in memory), and a read that waits longer
 * than the stall timeout for a byte cancels the transfer. It delivers at most {@code limit} bytes, then ends
 * and cancels the rest; a body that ends or fails before {@code expected} bytes is TRUNCATED.
 */
final class HttpBodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {

    private sealed interface Event permits Chunk, Failed, Done {
    }

    private record Chunk(List<ByteBuffer> buffers) implements Event {
    }

    private record Failed(Throwable error) implements Event {
    }

    private record Done() implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription; // guarded by this
    private boolean demandBeforeSubscription; // guarded by this
    private final AtomicLong received;
    private final String url;
    private final Duration stall;
    private final long limit;
    private final long expected;

    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private boolean outstanding;
    private boolean upstreamDone;
    private long delivered;
    private FetchException failure;
    private volatile boolean closed;

    /**
     * @param received the client's counter of body bytes, added to as bytes arrive
     * @param limit    bytes to deliver at most
     * @param expected bytes the body must have, or -1 when unknown
     */
    HttpBodyStream(String url, Duration stall, AtomicLong received, long limit, long expected) {
        this.url = Objects.requireNonNull(url);
        this.stall = Objects.requireNonNull(stall);
        this.received = Objects.requireNonNull(received);
        this.limit = limit;
        this.expected = expected;
    }

    /**
     * Nothing is requested until the first read, so a response refused on its headers (status, length, range)
     * costs no body bytes beyond what HttpClient had already buffered.
     */
    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        if (subscription != null || closed) {
            s.cancel();
            return;
        }
        subscription = s;
        if (demandBeforeSubscription) {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        received.addAndGet(n);
        events.add(new Chunk(buffers));
    }

    @Override
    public void onError(Throwable error) {
        events.add(new Failed(error));
    }

    @Override
    public void onComplete() {
        events.add(new Done());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException(url + ": read after the stream was closed (a bug in the caller)");
        }
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        if (delivered >= limit) {
            cancel();
            return -1;
        }
        ByteBuffer current = nextNonEmpty();
        if (current == null) {
            if (expected >= 0 && delivered < expected) {
                throw fail(new FetchException(FetchException.Reason.TRUNCATED, url,
                        url + ": the server ended the body after " + delivered + " of " + expected + " bytes. "
                                + "The connection or the server broke off; the next poll resumes from here."));
            }
            return -1;
        }
        int n = (int) Math.min(len, Math.min(current.remaining(), limit - delivered));
        current.get(b, off, n);
        delivered += n;
        return n;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cancel();
        }
    }

    /** The buffer to read from next, or null at the end of the body; waits at most the stall timeout for bytes. */
    private ByteBuffer nextNonEmpty() throws FetchException {
        long waitStart = System.nanoTime();
        long stallNanos = stall.toNanos();
        while (true) {
            while (!pending.isEmpty()) {
                if (pending.peek().hasRemaining()) {
                    return pending.peek();
                }
                pending.poll();
            }
            if (upstreamDone) {
                return null;
            }
            if (!outstanding) {
                outstanding = true;
                requestOne();
            }
            // Measured from when this read began to wait, not from the last byte: time the caller spends
            // between reads (writing to disk, verifying) is not the server's stall.
            long left = stallNanos - (System.nanoTime() - waitStart);
            Event event;
            try {
                event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(new FetchException(FetchException.Reason.IO, url,
                        url + ": interrupted while reading the body", e));
            }
            switch (event) {
                case null -> throw fail(new FetchException(FetchException.Reason.STALLED, url,
                        url + ": no byte arrived for " + seconds(stall) + " after " + delivered
                                + " bytes of the body, so the transfer was abandoned. The server or the network"
                                + " stalled; the next poll resumes from here."));
                case Chunk c -> {
                    outstanding = false;
                    pending.addAll(c.buffers());
                }
                case Done d -> upstreamDone = true;
                case Failed f -> {
                    upstreamDone = true;
                    throw fail(new FetchException(FetchException.Reason.TRUNCATED, url,
                            url + ": the connection broke after " + delivered + " bytes of the body"
                                    + (expected >= 0 ? " (of " + expected + ")" : "") + ": "
                                    + Causes.describe(f.error()) + ". The next poll resumes from here.", f.error()));
                }
            }
        }
    }

    private FetchException fail(FetchException e) {
        failure = e;
        cancel();
        return e;
    }

    private synchronized void requestOne() {
        if (subscription != null) {
            subscription.request(1);
        } else {
            demandBeforeSubscription = true;
        }
    }

    private synchronized void cancel() {
        if (subscription != null && !upstreamDone) {
            subscription.cancel();
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
