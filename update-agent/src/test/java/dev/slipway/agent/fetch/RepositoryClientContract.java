package dev.slipway.agent.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.fetch.FetchException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every backend must do, checked against the served files themselves: a subclass serves {@link #root}
 * (with nginx, or as a {@code file:} directory) and names its base URI.
 */
abstract class RepositoryClientContract {

    static final String CHANNEL = "channels/stable.json";
    static final String FRAMES = "v1/usr.frames";
    static final int FRAMES_SIZE = 300_000;

    @TempDir
    Path root;
    RepositoryClient client;
    byte[] channel;
    byte[] frames;

    /** Starts serving {@link #root} and returns its base URI. */
    abstract URI serve() throws IOException;

    /** Stops serving. */
    abstract void stopServing() throws IOException;

    @BeforeEach
    void writeRepository() throws IOException {
        channel = "{\"channel\":\"stable\",\"version\":\"1\"}\n".getBytes(StandardCharsets.UTF_8);
        frames = new byte[FRAMES_SIZE];
        new Random(42).nextBytes(frames);
        Files.createDirectories(root.resolve("channels"));
        Files.createDirectories(root.resolve("v1"));
        Files.write(root.resolve(CHANNEL), channel);
        Files.write(root.resolve(FRAMES), frames);
        Files.write(root.resolve("empty"), new byte[0]);
        client = RepositoryClients.open(serve(), FetchSettings.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        stopServing();
    }

    @Test
    void fetchesWholeFiles() throws IOException {
        assertArrayEquals(Files.readAllBytes(root.resolve(CHANNEL)), client.fetch(CHANNEL, 4096));
        assertArrayEquals(Files.readAllBytes(root.resolve(FRAMES)), client.fetch(FRAMES, FRAMES_SIZE));
        assertArrayEquals(new byte[0], client.fetch("empty", 0));
    }

    @Test
    void fileOverTheBoundIsTooLarge() {
        FetchException e = assertThrows(FetchException.class, () -> client.fetch(FRAMES, FRAMES_SIZE - 1));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().contains(client.describe(FRAMES)), e.getMessage());
        assertTrue(e.getMessage().contains(Integer.toString(FRAMES_SIZE - 1)), e.getMessage());
    }

    @Test
    void missingFileIsNotFound() {
        FetchException e = assertThrows(FetchException.class, () -> client.fetch("channels/beta.json", 4096));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().startsWith(client.describe("channels/beta.json") + ": "), e.getMessage());
        FetchException range = assertThrows(FetchException.class, () -> client.openRange("v2/usr.frames", 0, 10));
        assertEquals(Reason.NOT_FOUND, range.reason());
    }

    @Test
    void rangesAreTheFilesBytes() throws IOException {
        long[][] ranges = {{0, 1}, {0, 4096}, {1, 4095}, {4095, 2}, {4096, 65536}, {123_457, 100_000},
                {FRAMES_SIZE - 1, 1}, {FRAMES_SIZE - 70_000, 70_000}, {0, FRAMES_SIZE}};
        byte[] onDisk = Files.readAllBytes(root.resolve(FRAMES));
        for (long[] r : ranges) {
            try (InputStream in = client.openRange(FRAMES, r[0], r[1])) {
                byte[] expected = Arrays.copyOfRange(onDisk, (int) r[0], (int) (r[0] + r[1]));
                assertArrayEquals(expected, readInSmallPieces(in), "bytes " + r[0] + " +" + r[1]);
            }
        }
        try (InputStream in = client.openRange(FRAMES, 10, 0)) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    void rangePastTheEndIsRefused() {
        FetchException partly = assertThrows(FetchException.class,
                () -> client.openRange(FRAMES, FRAMES_SIZE - 10, 20).close());
        assertEquals(Reason.BAD_RESPONSE, partly.reason());
        assertTrue(partly.getMessage().contains("the file has " + FRAMES_SIZE + " bytes"), partly.getMessage());
        FetchException beyond = assertThrows(FetchException.class,
                () -> client.openRange(FRAMES, FRAMES_SIZE + 100, 20).close());
        assertEquals(Reason.BAD_RESPONSE, beyond.reason());
        assertTrue(beyond.getMessage().contains("bytes " + (FRAMES_SIZE + 100) + "-" + (FRAMES_SIZE + 119)),
                beyond.getMessage());
        assertFalse(beyond.transientFailure());
    }

    @Test
    void countsTheBytesItReceived() throws IOException {
        assertEquals(0, client.bytesFetched());
        client.fetch(CHANNEL, 4096);
        assertEquals(channel.length, client.bytesFetched());
        try (InputStream in = client.openRange(FRAMES, 1000, 50_000)) {
            in.readAllBytes();
        }
        assertEquals(channel.length + 50_000, client.bytesFetched());
    }

    @Test
    void refusesPathsThatCouldLeaveTheRepository() {
        for (String bad : new String[] {"../etc/passwd", "v1/../../x", "/etc/passwd", "v1//usr.frames", "v1/",
                "v1\\usr.frames", "v1/%2e%2e/x", "%2fetc", "v1/./usr.frames", "", "a?b", "a#b", "a b"}) {
            assertThrows(IllegalArgumentException.class, () -> client.fetch(bad, 4096), bad);
            assertThrows(IllegalArgumentException.class, () -> client.openRange(bad, 0, 1), bad);
        }
        assertEquals(0, client.bytesFetched());
    }

    @Test
    void readsTheSameThroughOneByteReads() throws IOException {
        try (InputStream in = client.openRange(FRAMES, 77, 300)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                out.write(b);
            }
            assertArrayEquals(Arrays.copyOfRange(frames, 77, 377), out.toByteArray());
        }
    }

    static byte[] readInSmallPieces(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1000];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
