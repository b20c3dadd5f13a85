package dev.slipway.agent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves {@code GET /metrics} in {@link PrometheusText}'s format from the JDK's own HTTP server, on a
 * loopback address only: the endpoint has no authentication, so a scraper on the node (or a proxy that
 * adds authentication) reads it. Other paths get 404, other methods 405. One thread serves; each request
 * takes a fresh snapshot from the source, and a source that throws gets a 500 without stopping the server.
 */
public final class MetricsServer implements AutoCloseable {

    /** The one path served. */
    public static final String PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<MetricsSnapshot> source;

    private MetricsServer(HttpServer server, ExecutorService executor, Supplier<MetricsSnapshot> source) {
        this.server = server;
        this.executor = executor;
        this.source = source;
    }

    /**
     * Binds {@code address} (port 0: any free port) and starts serving snapshots from {@code source}.
     *
     * @throws IllegalArgumentException when {@code address} is not a loopback address
     * @throws IOException when the port cannot be bound (in use, or privileged)
     */
    public static MetricsServer start(InetSocketAddress address, Supplier<MetricsSnapshot> source) throws IOException {
        Objects.requireNonNull(source, "source");
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the metrics endpoint listens on a loopback address only (127.0.0.1"
                    + " or ::1), not " + address + ": it has no authentication; scrape it on the node or put an"
                    + " authenticating proxy in front");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IOException("cannot listen for metrics on " + address + ": " + e.getMessage()
                    + "; choose another port", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "slipway-metrics");
            thread.setDaemon(true);
            return thread;
        });
        MetricsServer metrics = new MetricsServer(server, executor, source);
        server.createContext("/", metrics::handle);
        server.setExecutor(executor);
        server.start();
        return metrics;
    }

    /** The address served, with the port actually bound. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: the metrics are at " + PATH + "\n");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed: use GET\n");
            } else {
                String body;
                try {
                    body = PrometheusText.render(source.get());
                } catch (RuntimeException e) {
                    send(exchange, 500, "text/plain; charset=utf-8", "metrics unavailable: " + e + "\n");
                    return;
                }
                send(exchange, 200, PrometheusText.CONTENT_TYPE, body);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops listening and ends the serving thread; a request under way is cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
