package dev.slipway.agent.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Debian's nginx (package {@code nginx}) serving a directory on 127.0.0.1, as a child process with its own
 * configuration, pid file, logs and temporary paths in a directory of its own: a real static file server, with
 * byte ranges as it does them out of the box. The access log records each request's range, status, body bytes
 * sent and user agent, for tests to compare with what the client saw.
 *
 * <p>Run as root, the workers also run as root ({@code user root root;}) rather than nginx's default
 * {@code nobody}: tests serve their own temporary directories, which are private (mode 0700) to the user that
 * made them, and the workers should see exactly what the test (and the {@code file:} client) sees, without
 * loosening the modes of the tree under test. They listen on 127.0.0.1 only, for the test's duration.
 */
public final class Nginx implements AutoCloseable {

    /** Where Debian installs it. */
    public static final Path EXECUTABLE = Path.of("/usr/sbin/nginx");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int ATTEMPTS = 5;

    private final Path work;
    private final Process process;
    private final int port;

    private Nginx(Path work, Process process, int port) {
        this.work = work;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts nginx serving {@code root} and returns once it accepts connections.
     *
     * @throws IOException when nginx is missing (naming the package) or does not come up (with its error log)
     */
    public static Nginx serve(Path root) throws IOException {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IOException(EXECUTABLE + " is missing: install the Debian package nginx"
                    + " (scripts/install-test-deps does)");
        }
        Path work = Files.createTempDirectory("slipway-nginx");
        IOException last = null;
        // The free port is found by binding port 0 and releasing it, so another process may take it before
        // nginx binds it; a few attempts make that race harmless.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            Files.writeString(work.resolve("nginx.conf"), config(root.toAbsolutePath(), work, port, isRoot()));
            Process process = new ProcessBuilder(EXECUTABLE.toString(), "-p", work.toString(), "-c",
                    work.resolve("nginx.conf").toString(), "-e", work.resolve("error.log").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("output.log").toFile())
                    .start();
            Nginx nginx = new Nginx(work, process, port);
            try {
                nginx.awaitListening();
                return nginx;
            } catch (IOException e) {
                nginx.stop();
                last = e;
            }
        }
        deleteRecursively(work);
        throw last;
    }

    /** {@code http://127.0.0.1:PORT/}, the served directory's root. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /**
     * The access log's lines so far, one per finished request:
     * {@code METHOD URI "RANGE" STATUS BODY_BYTES_SENT "USER_AGENT"} ({@code "-"} for no range).
     */
    public List<String> accessLog() throws IOException {
        Path log = work.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** The error log's text (nginx's notices and warnings). */
    public String errorLog() throws IOException {
        Path log = work.resolve("error.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The master process, for tests that check it is gone after close. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Stops nginx (SIGTERM: fast shutdown), waits for it and its workers, and removes its directory. */
    @Override
    public void close() throws IOException {
        stop();
        deleteRecursively(work);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void stop() throws IOException {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            // The master ends its workers on SIGTERM; one left behind (after a SIGKILL) is ended here.
            for (ProcessHandle w : workers) {
                try {
                    w.onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    w.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping nginx", e);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with status " + process.exitValue()
                        + " before listening on 127.0.0.1:" + port + "; its error log and output:\n" + errorLog()
                        + Files.readString(work.resolve("output.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT.toSeconds()
                + " s; its error log:\n" + errorLog());
    }

    private static String config(Path root, Path work, int port, boolean asRoot) {
        return String.join("\n",
                "daemon off;",
                "master_process on;",
                "worker_processes 1;",
                asRoot ? "user root root;" : "",
                "pid " + quote(work.resolve("nginx.pid")) + ";",
                "error_log " + quote(work.resolve("error.log")) + " info;",
                "events { worker_connections 64; }",
                "http {",
                "  log_format slipway '$request_method $request_uri \"$http_range\" $status $body_bytes_sent"
                        + " \"$http_user_agent\"';",
                "  access_log " + quote(work.resolve("access.log")) + " slipway;",
                "  client_body_temp_path " + quote(work.resolve("client_body")) + ";",
                "  proxy_temp_path " + quote(work.resolve("proxy")) + ";",
                "  fastcgi_temp_path " + quote(work.resolve("fastcgi")) + ";",
                "  uwsgi_temp_path " + quote(work.resolve("uwsgi")) + ";",
                "  scgi_temp_path " + quote(work.resolve("scgi")) + ";",
                "  default_type application/octet-stream;",
                "  sendfile on;",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    root " + quote(root) + ";",
                "  }",
                "}",
                "");
    }

    private static String quote(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for nginx", e);
        }
    }
}
