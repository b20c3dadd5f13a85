package dev.slipway.agent.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One answer of {@link FaultyServer}: the file or range asked for, spoiled as the path's fault says. */
final class FaultyResponse {

    private static final Pattern RANGE = Pattern.compile("bytes=([0-9]+)-([0-9]*)");
    private static final int CHUNK = 8192;

    private final FaultyServer server;
    private final Path root;
    private final Socket socket;
    private final FaultyServer.Request request;
    private final Fault fault;
    private final OutputStream out;

    FaultyResponse(FaultyServer server, Path root, Socket socket, FaultyServer.Request request, Fault fault)
            throws IOException {
        this.server = server;
        this.root = root;
        this.socket = socket;
        this.request = request;
        this.fault = fault;
        this.out = socket.getOutputStream();
    }

    void send() throws IOException {
        switch (fault) {
            case Fault.StallBeforeHeaders s -> {
                server.holdUntilClosed();
                return;
            }
            case Fault.Status s -> {
                text(s.code(), "fault: status " + s.code());
                return;
            }
            case Fault.Redirect r -> {
                head(r.status(), 0, "Location: " + r.location());
                return;
            }
            case null, default -> {
            }
        }
        if (!request.method().equals("GET")) {
            text(405, "only GET");
            return;
        }
        Path file = file(request.target());
        if (file == null) {
            text(404, "not found");
            return;
        }
        long size = Files.size(file);
        String range = request.headers().get("range");
        Matcher m = range == null ? null : RANGE.matcher(range.strip());
        if (m == null || !m.matches() || fault instanceof Fault.IgnoreRange || fault instanceof Fault.Endless) {
            whole(file, size);
            return;
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (first >= size || last < first) {
            head(416, 0, "Content-Range: bytes */" + size);
            return;
        }
        if (fault instanceof Fault.WrongContentRange w) {
            first = Math.min(first + w.shift(), size - 1);
            last = Math.min(last + w.shift(), size - 1);
        }
        long length = last - first + 1;
        head(206, announced(length), "Content-Range: bytes " + first + "-" + last + "/" + size);
        body(file, first, length);
    }

    private void whole(Path file, long size) throws IOException {
        if (fault instanceof Fault.Endless) {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] junk = new byte[CHUNK];
            Arrays.fill(junk, (byte) 'x');
            while (true) {
                out.write(junk); // ends with an IOException once the client closes
            }
        }
        head(200, announced(size), null);
        body(file, 0, size);
    }

    private long announced(long length) {
        return fault instanceof Fault.OverstateLength o ? length + o.extra() : length;
    }

    private void body(Path file, long offset, long length) throws IOException {
        long stopAt = switch (fault) {
            case Fault.TruncateAfter t -> Math.min(t.bytes(), length);
            case Fault.StallAfter s -> Math.min(s.bytes(), length);
            case Fault.ResetAfter r -> Math.min(r.bytes(), length);
            case null, default -> length;
        };
        int chunk = fault instanceof Fault.Slow s ? s.chunkBytes() : CHUNK;
        try (FileChannel channel = FileChannel.open(file)) {
            long sent = 0;
            while (sent < stopAt) {
                if (fault instanceof Fault.Slow s) {
                    sleep(s.delay().toMillis());
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunk, stopAt - sent));
                while (buffer.hasRemaining() && channel.read(buffer, offset + sent + buffer.position()) > 0) {
                    // fill from the file
                }
                byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
                if (fault instanceof Fault.CorruptByte c && c.offset() >= offset + sent
                        && c.offset() < offset + sent + bytes.length) {
                    bytes[(int) (c.offset() - offset - sent)] ^= (byte) 0xff;
                }
                out.write(bytes);
                out.flush();
                sent += bytes.length;
            }
        }
        switch (fault) {
            case Fault.ExtraBytes e -> {
                byte[] extra = new byte[e.count()];
                Arrays.fill(extra, (byte) 'E');
                out.write(extra);
                out.flush();
            }
            case Fault.StallAfter s -> server.holdUntilClosed();
            case Fault.ResetAfter r -> socket.setSoLinger(true, 0); // the close that follows sends RST
            case null, default -> {
            }
        }
    }

    private Path file(String target) {
        String path = target.startsWith("/") ? target.substring(1) : target;
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.isEmpty() || path.contains("%") || path.contains("\\")) {
            return null;
        }
        Path file = root.resolve(path).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? file : null;
    }

    private void text(int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        head(status, body.length, null);
        out.write(body);
        out.flush();
    }

    private void head(int status, long contentLength, String extraHeader) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        h.append("Content-Length: ").append(contentLength).append("\r\n");
        h.append("Content-Type: application/octet-stream\r\n");
        h.append("Accept-Ranges: bytes\r\n");
        if (extraHeader != null) {
            h.append(extraHeader).append("\r\n");
        }
        h.append("Connection: close\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 416 -> "Range Not Satisfiable";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
