package dev.slipway.agent.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.fetch.FetchException.Reason;
import dev.slipway.agent.testing.Fault;
import dev.slipway.agent.testing.FaultyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per way a server can answer wrongly; each shows the client's reason, transient flag and bounds. */
class FaultyServerClientTest {

    static final Duration STALL = Duration.ofSeconds(1);
    static final int SIZE = 200_000;

    @TempDir
    Path root;
    FaultyServer server;
    RepositoryClient client;
    byte[] file;

    @BeforeEach
    void start() throws IOException {
        file = new byte[SIZE];
        new Random(7).nextBytes(file);
        Files.write(root.resolve("usr.frames"), file);
        Files.writeString(root.resolve("real.json"), "{\"real\":true}");
        server = FaultyServer.serve(root);
        FetchSettings settings = FetchSettings.defaults().withStallTimeout(STALL).withRequestTimeout(STALL);
        client = RepositoryClients.open(server.baseUri(), settings);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void answeredCorrectlyWithoutFaults() throws IOException {
        assertArrayEquals(file, client.fetch("usr.frames", SIZE));
        assertArrayEquals(slice(5, 1000), range(5, 1000));
        FaultyServer.Request last = server.requests().get(1);
        assertEquals("/usr.frames", last.target());
        assertEquals("bytes=5-1004", last.headers().get("range"));
        assertEquals(FetchSettings.defaultUserAgent(), last.headers().get("user-agent"));
        assertEquals("identity", last.headers().get("accept-encoding"));
    }

    @Test
    void truncatedBodyIsTruncated() throws IOException {
        server.fault("usr.frames", new Fault.TruncateAfter(70_000));
        FetchException whole = assertThrows(FetchException.class, () -> client.fetch("usr.frames", SIZE));
        assertEquals(Reason.TRUNCATED, whole.reason());
        assertTrue(whole.transientFailure());
        FetchException ranged = assertThrows(FetchException.class, () -> range(1000, 100_000));
        assertEquals(Reason.TRUNCATED, ranged.reason());
        assertTrue(ranged.getMessage().contains("70000"), ranged.getMessage());
        assertEquals(140_000, client.bytesFetched());
    }

    @Test
    void corruptByteIsPassedOnUnchangedForTheCallerToCatch() throws IOException {
        server.fault("usr.frames", new Fault.CorruptByte(4242));
        byte[] got = range(4000, 1000);
        byte[] expected = slice(4000, 1000);
        expected[242] ^= (byte) 0xff;
        assertArrayEquals(expected, got);
        assertFalse(Arrays.equals(slice(4000, 1000), got));
    }

    @Test
    void extraBytesBeyondTheLengthAreNotReturned() throws IOException {
        server.fault("usr.frames", new Fault.ExtraBytes(5000));
        assertArrayEquals(file, client.fetch("usr.frames", SIZE));
        assertArrayEquals(slice(100, 900), range(100, 900));
    }

    @Test
    void overstatedLengthIsTooLargeOrTruncatedOrRefused() {
        server.fault("usr.frames", new Fault.OverstateLength(10));
        FetchException announced = assertThrows(FetchException.class, () -> client.fetch("usr.frames", SIZE));
        assertEquals(Reason.TOO_LARGE, announced.reason());
        assertEquals(0, client.bytesFetched(), "refused before reading the body");
        FetchException shortBody = assertThrows(FetchException.class, () -> client.fetch("usr.frames", SIZE + 10));
        assertEquals(Reason.TRUNCATED, shortBody.reason());
        FetchException ranged = assertThrows(FetchException.class, () -> range(0, 100));
        assertEquals(Reason.BAD_RESPONSE, ranged.reason());
        assertTrue(ranged.getMessage().contains("Content-Length of 110"), ranged.getMessage());
    }

    @Test
    void endlessDataStopsJustPastTheBound() {
        server.fault("usr.frames", new Fault.Endless());
        int max = 1 << 20;
        FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(FetchException.class, () -> client.fetch("usr.frames", max)));
        assertEquals(Reason.TOO_LARGE, e.reason());
        long received = client.bytesFetched();
        assertTrue(received > max && received < 2L * max, "received " + received);
    }

    @Test
    void statusCodesAndTheirTransience() {
        int[][] cases = {{404, 0}, {500, 1}, {503, 1}, {403, 0}, {429, 1}};
        for (int[] c : cases) {
            server.fault("usr.frames", new Fault.Status(c[0]));
            for (FetchException e : new FetchException[] {
                    assertThrows(FetchException.class, () -> client.fetch("usr.frames", SIZE)),
                    assertThrows(FetchException.class, () -> range(0, 10))}) {
                assertEquals(c[0] == 404 ? Reason.NOT_FOUND : Reason.HTTP_STATUS, e.reason(), "HTTP " + c[0]);
                assertEquals(c[0], e.status());
                assertEquals(c[1] == 1, e.transientFailure(), "HTTP " + c[0]);
                assertTrue(e.getMessage().contains(client.describe("usr.frames")), e.getMessage());
            }
        }
    }

    @Test
    void stallIsDetectedWithinTheStallTimeout() {
        server.fault("usr.frames", new Fault.StallAfter(10_000));
        for (int i = 0; i < 2; i++) {
            boolean whole = i == 0;
            long start = System.nanoTime();
            FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(FetchException.class, () -> {
                        if (whole) {
                            client.fetch("usr.frames", SIZE);
                        } else {
                            range(0, 50_000);
                        }
                    }));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(Reason.STALLED, e.reason());
            assertTrue(e.transientFailure());
            assertTrue(took.compareTo(STALL) >= 0 && took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);
        }
    }

    @Test
    void noAnswerAtAllTimesOut() {
        server.fault("usr.frames", new Fault.StallBeforeHeaders());
        FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(FetchException.class, () -> client.fetch("usr.frames", SIZE)));
        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(e.transientFailure());
    }

    @Test
    void slowButSteadyIsNoStall() throws IOException {
        // Five pieces 300 ms apart: longer than the stall timeout in all, never a second without a byte.
        server.fault("usr.frames", new Fault.Slow(Duration.ofMillis(300), 4096));
        assertArrayEquals(slice(0, 5 * 4096), range(0, 5 * 4096));
    }

    @Test
    void resetIsAConnectionFailureOrTruncation() {
        server.fault("usr.frames", new Fault.ResetAfter(30_000));
        for (FetchException e : new FetchException[] {
                assertThrows(FetchException.class, () -> client.fetch("usr.frames", SIZE)),
                assertThrows(FetchException.class, () -> range(0, 100_000))}) {
            assertTrue(e.reason() == Reason.TRUNCATED || e.reason() == Reason.CONNECTION, e.reason().name());
            assertTrue(e.transientFailure());
        }
    }

    @Test
    void ignoredRangeIsRefused() {
        server.fault("usr.frames", new Fault.IgnoreRange());
        FetchException e = assertThrows(FetchException.class, () -> range(1000, 10));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().contains("ignored the Range header"), e.getMessage());
    }

    @Test
    void anotherRangeIsRefused() {
        server.fault("usr.frames", new Fault.WrongContentRange(4096));
        FetchException e = assertThrows(FetchException.class, () -> range(1000, 10));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage().contains("asked for bytes 1000-1009, the server answered bytes 5096-5105/" + SIZE),
                e.getMessage());
    }

    @Test
    void redirectWithinHttpIsFollowed() throws IOException {
        server.fault("moved.json", new Fault.Redirect(302, server.baseUri() + "real.json"));
        assertArrayEquals(Files.readAllBytes(root.resolve("real.json")), client.fetch("moved.json", 100));
        // A CDN or blob store often redirects the payload: the range must survive the redirect.
        server.fault("mirror/usr.frames", new Fault.Redirect(307, server.baseUri() + "usr.frames"));
        try (InputStream in = client.openRange("mirror/usr.frames", 3000, 5000)) {
            assertArrayEquals(slice(3000, 5000), in.readAllBytes());
        }
        assertEquals("bytes=3000-7999", server.requests().getLast().headers().get("range"));
        server.fault("gone.json", new Fault.Redirect(301, server.baseUri() + "missing.json"));
        FetchException e = assertThrows(FetchException.class, () -> client.fetch("gone.json", 100));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("redirected to " + server.baseUri() + "missing.json"), e.getMessage());
    }

    @Test
    void refusedPathsNeverReachTheServer() {
        for (String bad : new String[] {"../usr.frames", "/usr.frames", "a//b", "a\\b", "%2e%2e/usr.frames"}) {
            assertThrows(IllegalArgumentException.class, () -> client.fetch(bad, SIZE), bad);
        }
        assertEquals(0, server.requests().size());
    }

    @Test
    void closedPortIsAConnectionFailure() throws IOException {
        var base = server.baseUri();
        server.close();
        try (RepositoryClient other = RepositoryClients.open(base, FetchSettings.defaults())) {
            FetchException e = assertThrows(FetchException.class, () -> other.fetch("usr.frames", SIZE));
            assertEquals(Reason.CONNECTION, e.reason());
            assertTrue(e.transientFailure());
        }
    }

    private byte[] range(long offset, long length) throws IOException {
        try (InputStream in = client.openRange("usr.frames", offset, length)) {
            return in.readAllBytes();
        }
    }

    private byte[] slice(int offset, int length) {
        return Arrays.copyOfRange(file, offset, offset + length);
    }
}
