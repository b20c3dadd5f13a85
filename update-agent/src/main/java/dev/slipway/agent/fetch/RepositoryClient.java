package dev.slipway.agent.fetch;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads files from an update repository: static files under one base (a web server, a blob store, a CDN, or a
 * local directory). It bounds what it reads, times out and says clearly what failed; it does not trust what it
 * reads: the caller verifies every byte (signatures, SHA-256, the verity tree) afterwards. It never retries:
 * a {@link FetchException#transientFailure() transient} failure ends the caller's cycle and the next poll
 * resumes.
 *
 * <p>Paths are relative to the base, in the form {@link RepositoryPaths#check} accepts ({@code a/b.json});
 * any other path is refused with an {@link IllegalArgumentException} before anything is sent.
 * Instances are safe for use by several threads.
 */
public interface RepositoryClient extends AutoCloseable {

    /**
     * The whole file at {@code path}, at most {@code maxBytes} long: a larger announced length is refused
     * before the body is read, and reading stops at {@code maxBytes + 1} bytes when the length was not
     * announced or was wrong, so a server sending endless data costs at most that much.
     *
     * @throws FetchException {@link FetchException.Reason#TOO_LARGE} above the bound, or any other reason
     */
    byte[] fetch(String path, long maxBytes) throws FetchException;

    /**
     * A stream of exactly {@code length} bytes of {@code path} from {@code offset}. The response's headers
     * are checked before this returns: a server that ignores the range (whole file), answers another range or
     * the range lies past the file's end is refused ({@link FetchException.Reason#BAD_RESPONSE}). The stream
     * then never returns more than {@code length} bytes, and its reads throw a {@link FetchException}
     * ({@link FetchException.Reason#TRUNCATED}, {@link FetchException.Reason#STALLED}) when the body ends early
     * or stops flowing. Close it to abandon the rest.
     */
    InputStream openRange(String path, long offset, long length) throws FetchException;

    /** Body bytes received so far, over every request this client made (for metrics). */
    long bytesFetched();

    /** The URL (or file) {@code path} stands for, for messages. */
    String describe(String path);

    /** Ends every connection; streams still open fail. */
    @Override
    void close() throws IOException;
}
