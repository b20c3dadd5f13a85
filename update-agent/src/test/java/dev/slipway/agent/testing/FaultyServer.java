package dev.slipway.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server on 127.0.0.1 that serves a directory, with byte ranges, and misbehaves on purpose for
 * the paths a test gives a {@link Fault}. It answers one request per connection ({@code Connection: close}),
 * so what a fault does to one answer cannot leak into the next. A plain ServerSocket gives the control the
 * faults need: cutting a body short, resetting (SO_LINGER 0), stalling with the connection open.
 * At most {@link #THREADS} connections are served at once; {@link #close()} ends every one of them.
 */
public final class FaultyServer implements AutoCloseable {

    /** Connections served at once; more wait in the accept queue. */
    public static final int THREADS = 8;

    /** One request as received: method, request target, headers with lower-case names. */
    public record Request(String method, String target, Map<String, String> headers) {
    }

    private static final int MAX_HEAD = 16 * 1024;

    private final Path root;
    private final ServerSocket listener;
    private final ExecutorService workers = Executors.newFixedThreadPool(THREADS);
    private final Thread acceptor;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FaultyServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.acceptor = Thread.ofPlatform().name("faulty-server-accept").daemon().start(this::acceptLoop);
    }

    /** Starts serving {@code root} on a free port of 127.0.0.1. */
    public static FaultyServer serve(Path root) throws IOException {
        return new FaultyServer(root);
    }

    /** {@code http://127.0.0.1:PORT/}, the served directory's root. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /** From now on, answers for {@code path} (relative, as in the directory) go wrong this way. */
    public void fault(String path, Fault fault) {
        faults.put(path, fault);
    }

    /** Answers every path correctly again. */
    public void clearFaults() {
        faults.clear();
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Stops accepting, ends every open connection (stalled ones too) and waits for the threads. */
    @Override
    public void close() throws IOException {
        closing.countDown();
        listener.close();
        for (Socket s : open) {
            s.close();
        }
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IOException("FaultyServer: connection threads did not end within 10 s");
            }
            acceptor.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping FaultyServer", e);
        }
    }

    /** Keeps a stalled connection open until the server closes (bounded, so a forgotten close cannot hang a build). */
    void holdUntilClosed() {
        try {
            closing.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            Request request = readRequest(socket.getInputStream());
            if (request == null) {
                return;
            }
            synchronized (requests) {
                requests.add(request);
            }
            new FaultyResponse(this, root, socket, request, faultFor(request.target())).send();
        } catch (IOException e) {
            // The client went away, the fault reset the connection, or close() ended it: nothing left to answer.
        } finally {
            open.remove(socket);
        }
    }

    private Fault faultFor(String target) {
        String path = target.startsWith("/") ? target.substring(1) : target;
        int query = path.indexOf('?');
        return faults.get(query < 0 ? path : path.substring(0, query));
    }

    /** The request line and headers, or null when the connection closed before a whole head arrived. */
    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                return null;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new Request(requestLine[0], requestLine[1], Map.copyOf(headers));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
