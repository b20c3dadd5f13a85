package dev.slipway.agent.fetch;

import java.io.IOException;
import java.util.Objects;

/**
 * A file could not be fetched from the update repository. The message names the URL, what happened and what
 * to do; {@link #reason()} says which kind of failure it was and {@link #transientFailure()} whether trying
 * again at the next poll may help. The client never retries by itself.
 */
public final class FetchException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Reason {
        /** The server (or directory) has no such file: HTTP 404 or 410, or a missing local file. */
        NOT_FOUND,
        /** The server answered another status than the one asked for: see {@link #status()}. */
        HTTP_STATUS,
        /** The body ended (the connection closed or was reset) before every byte announced had come. */
        TRUNCATED,
        /** The file is larger than the caller allows (announced, or found while reading). */
        TOO_LARGE,
        /** Connecting, or waiting for the response's headers, took longer than the settings allow. */
        TIMEOUT,
        /** No byte of the body arrived for the stall timeout. */
        STALLED,
        /** No connection could be made, or it broke before the response's headers. */
        CONNECTION,
        /**
         * The answer is not what was asked: a whole file for a range, another range, a range past the file's end,
         * an encoded body, inconsistent headers, a local symbolic link leading out of the repository.
         */
        BAD_RESPONSE,
        /** Reading a local repository failed, or the thread was interrupted. */
        IO
    }

    private final Reason reason;
    private final String url;
    private final int status;

    /**
     * @param reason the kind of failure
     * @param url    the URL (or file) it concerns
     * @param status the HTTP status when {@code reason} is {@link Reason#HTTP_STATUS} or {@link Reason#NOT_FOUND}
     *               over HTTP, else 0
     * @param message the whole message: the URL, what happened, what to do
     * @param cause  the underlying exception, or null
     */
    public FetchException(Reason reason, String url, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.url = Objects.requireNonNull(url, "url");
        this.status = status;
    }

    FetchException(Reason reason, String url, String message) {
        this(reason, url, 0, message, null);
    }

    FetchException(Reason reason, String url, String message, Throwable cause) {
        this(reason, url, 0, message, cause);
    }

    /** The kind of failure. */
    public Reason reason() {
        return reason;
    }

    /** The URL (or local file) the failure concerns. */
    public String url() {
        return url;
    }

    /** The HTTP status the server answered, or 0 when there was no (usable) status line. */
    public int status() {
        return status;
    }

    /**
     * Whether the same request may succeed later without anyone changing the repository's contents: a network
     * failure, a timeout, a stall, a cut-off body, or a status the server uses for passing trouble (408, 429,
     * 5xx). A missing file, a file too large, a refused range or another status is not.
     */
    public boolean transientFailure() {
        return switch (reason) {
            case TRUNCATED, TIMEOUT, STALLED, CONNECTION -> true;
            case HTTP_STATUS -> status == 408 || status == 429 || status >= 500;
            case NOT_FOUND, TOO_LARGE, BAD_RESPONSE, IO -> false;
        };
    }
}
