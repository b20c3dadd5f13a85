package dev.slipway.agent.fetch;

import dev.slipway.agent.fetch.FetchException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A repository over HTTP/1.1 with the JDK's HttpClient. Redirects are followed as {@link HttpClient.Redirect#NORMAL}
 * does: within a scheme or from http to https, never from https to http (that 3xx is reported instead).
 */
final class HttpRepositoryClient implements RepositoryClient {

    /** Largest whole-file fetch: a Java array's size. */
    private static final long MAX_WHOLE_FILE = Integer.MAX_VALUE - 16;

    private final URI base;
    private final FetchSettings settings;
    private final HttpClient http;
    private final AtomicLong received = new AtomicLong();

    HttpRepositoryClient(URI base, FetchSettings settings) {
        this.base = base;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public byte[] fetch(String path, long maxBytes) throws FetchException {
        if (maxBytes < 0 || maxBytes > MAX_WHOLE_FILE) {
            throw new IllegalArgumentException("maxBytes must be 0.." + MAX_WHOLE_FILE + ", not " + maxBytes);
        }
        URI uri = uri(path);
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(uri, null);
        String url = answered(uri, response);
        // HttpClient itself fails a body shorter than its Content-Length, so no expected length here.
        try (HttpBodyStream body = subscribe(url, response, maxBytes + 1, -1)) {
            if (response.statusCode() != 200) {
                throw HttpStatuses.failure(url, response, "the file");
            }
            checkIdentityEncoding(url, response);
            long announced = contentLength(url, response);
            if (announced > maxBytes) {
                throw new FetchException(Reason.TOO_LARGE, url, url + ": the server announces " + announced
                        + " bytes, more than the " + maxBytes + " allowed for this file, so it was not read. The"
                        + " repository holds something other than what its signed metadata describes.");
            }
            byte[] bytes = body.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new FetchException(Reason.TOO_LARGE, url, url + ": the server sent more than the " + maxBytes
                        + " bytes allowed for this file, so reading stopped there. The repository holds something"
                        + " other than what its signed metadata describes.");
            }
            return bytes;
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw new FetchException(Reason.IO, url, url + ": reading the body failed: " + Causes.describe(e), e);
        }
    }

    @Override
    public InputStream openRange(String path, long offset, long length) throws FetchException {
        Ranges.check(offset, length);
        URI uri = uri(path);
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        long last = offset + length - 1;
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(uri, "bytes=" + offset + "-" + last);
        String url = answered(uri, response);
        HttpBodyStream body = subscribe(url, response, length, length);
        try {
            String asked = "bytes " + offset + "-" + last;
            int status = response.statusCode();
            if (status == 200) {
                throw new FetchException(Reason.BAD_RESPONSE, url, url + ": the server ignored the Range header"
                        + " and answered the whole file (HTTP 200) instead of " + asked + " (HTTP 206). Serve the"
                        + " repository from a server or CDN that supports byte ranges (every common static file"
                        + " server does); the agent does not download whole payloads.");
            }
            if (status == 416) {
                throw Ranges.pastEnd(url, asked, response.headers().firstValue("content-range")
                        .map(ContentRange::parse).map(ContentRange::length).orElse(-1L));
            }
            if (status != 206) {
                throw HttpStatuses.failure(url, response, asked);
            }
            checkIdentityEncoding(url, response);
            Ranges.checkAnswer(url, offset, length, response.headers().firstValue("content-range").orElse(null));
            long announced = contentLength(url, response);
            if (announced >= 0 && announced != length) {
                throw new FetchException(Reason.BAD_RESPONSE, url, url + ": the server answered " + asked
                        + " with a Content-Length of " + announced + " instead of " + length + ". The server"
                        + " or a proxy in between is broken; fetch from another mirror or fix its configuration.");
            }
            return body;
        } catch (FetchException e) {
            body.close();
            throw e;
        }
    }

    @Override
    public long bytesFetched() {
        return received.get();
    }

    @Override
    public String describe(String path) {
        return uri(path).toString();
    }

    @Override
    public void close() throws IOException {
        http.shutdownNow();
        try {
            http.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while closing the connections to " + base);
        }
    }

    private URI uri(String path) {
        return base.resolve(RepositoryPaths.check(path));
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(URI uri, String range) throws FetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(settings.requestTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept-Encoding", "identity");
        if (range != null) {
            request.header("Range", range);
        }
        String url = uri.toString();
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
        } catch (HttpConnectTimeoutException e) {
            throw new FetchException(Reason.TIMEOUT, url, url + ": no connection within "
                    + HttpBodyStream.seconds(settings.connectTimeout()) + ". The server or the network is down or"
                    + " slow; the next poll tries again.", e);
        } catch (HttpTimeoutException e) {
            throw new FetchException(Reason.TIMEOUT, url, url + ": the server sent no answer within "
                    + HttpBodyStream.seconds(settings.requestTimeout()) + ". It is overloaded or stuck; the next"
                    + " poll tries again.", e);
        } catch (ConnectException e) {
            String why = e.getMessage() == null ? "the connection was refused" : Causes.describe(e);
            throw new FetchException(Reason.CONNECTION, url, url + ": could not connect: " + why
                    + ". Check the repository URL and that the server is up; the next poll tries again.", e);
        } catch (IOException e) {
            throw new FetchException(Reason.CONNECTION, url, url + ": the connection failed before an answer: "
                    + Causes.describe(e) + ". The next poll tries again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(Reason.IO, url, url + ": interrupted while waiting for the answer", e);
        }
    }

    private HttpBodyStream subscribe(String url, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response,
            long limit, long expected) {
        HttpBodyStream body = new HttpBodyStream(url, settings.stallTimeout(), received, limit, expected);
        response.body().subscribe(body);
        return body;
    }

    /** The URL for messages: the one asked for, and where redirects led when they did. */
    private static String answered(URI asked, HttpResponse<?> response) {
        return response.uri().equals(asked) ? asked.toString() : asked + " (redirected to " + response.uri() + ")";
    }

    private static long contentLength(String url, HttpResponse<?> response) throws FetchException {
        String value = response.headers().firstValue("content-length").orElse(null);
        if (value == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FetchException(Reason.BAD_RESPONSE, url, url + ": the server sent an invalid Content-Length \""
                + value + "\". Fix the server or use another mirror.");
    }

    private static void checkIdentityEncoding(String url, HttpResponse<?> response) throws FetchException {
        String encoding = response.headers().firstValue("content-encoding").orElse("identity").strip();
        if (!encoding.equalsIgnoreCase("identity")) {
            throw new FetchException(Reason.BAD_RESPONSE, url, url + ": the server sent the body with Content-Encoding "
                    + encoding + " although the agent asked for identity. Turn compression off for the"
                    + " repository's files on the server or CDN.");
        }
    }
}
