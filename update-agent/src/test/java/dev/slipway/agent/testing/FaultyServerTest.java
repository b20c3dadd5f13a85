package dev.slipway.agent.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture's faults as curl, an independent HTTP client, sees them: the server's plain answers are right
 * (so a client test failing on a fault is the fault's doing), and each fault is what it claims at the protocol
 * level (curl's exit codes: 18 partial file, 28 timeout, 56 receive failure).
 */
class FaultyServerTest {

    @TempDir
    Path root;
    FaultyServer server;
    byte[] data;
    String url;

    @BeforeEach
    void start() throws IOException {
        data = new byte[50_000];
        new Random(3).nextBytes(data);
        Files.write(root.resolve("f.bin"), data);
        server = FaultyServer.serve(root);
        url = server.baseUri() + "f.bin";
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private static Command.Result curl(String... args) throws IOException {
        String[] command = new String[args.length + 4];
        command[0] = "curl";
        command[1] = "-sS";
        command[2] = "--max-time";
        command[3] = "5";
        System.arraycopy(args, 0, command, 4, args.length);
        return Command.run(command);
    }

    @Test
    void plainAnswersAreRight() throws IOException {
        assertArrayEquals(data, curl("-o", "-", url).check().stdout());
        Command.Result ranged = curl("-r", "100-199", "-D", "/dev/stderr", "-o", "-", url).check();
        assertArrayEquals(Arrays.copyOfRange(data, 100, 200), ranged.stdout());
        assertTrue(ranged.err().contains("Content-Range: bytes 100-199/50000"), ranged.err());
        assertArrayEquals(Arrays.copyOfRange(data, 49_990, 50_000), curl("-r", "49990-", "-o", "-", url).check().stdout());
        assertEquals("416", curl("-o", "/dev/null", "-w", "%{http_code}", "-r", "60000-60001", url).out());
        assertEquals("404", curl("-o", "/dev/null", "-w", "%{http_code}", server.baseUri() + "nothing").out());
        assertEquals("404", curl("-o", "/dev/null", "-w", "%{http_code}", "--path-as-is",
                server.baseUri() + "../etc/passwd").out());
    }

    @Test
    void truncationIsAPartialFile() throws IOException {
        server.fault("f.bin", new Fault.TruncateAfter(1234));
        Command.Result r = curl("-o", "-", url);
        assertEquals(18, r.exitCode(), r.err());
        assertArrayEquals(Arrays.copyOf(data, 1234), r.stdout());
    }

    @Test
    void resetIsAConnectionReset() throws IOException {
        server.fault("f.bin", new Fault.ResetAfter(1000));
        Command.Result r = curl("-o", "/dev/null", url);
        assertEquals(56, r.exitCode(), r.err());
        assertTrue(r.err().contains("reset by peer"), r.err());
    }

    @Test
    void stallKeepsTheConnectionOpenWithoutBytes() throws IOException {
        server.fault("f.bin", new Fault.StallAfter(500));
        Command.Result r = Command.run("curl", "-sS", "--max-time", "2", "-o", "-", url);
        assertEquals(28, r.exitCode(), r.err());
        assertEquals(500, r.stdout().length);
    }

    @Test
    void rangeFaultsAsCurlSeesThem() throws IOException {
        server.fault("f.bin", new Fault.IgnoreRange());
        assertEquals("200 50000", curl("-r", "0-9", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", url)
                .check().out());
        server.fault("f.bin", new Fault.WrongContentRange(10));
        Command.Result shifted = curl("-r", "0-9", "-D", "/dev/stderr", "-o", "-", url).check();
        assertTrue(shifted.err().contains("Content-Range: bytes 10-19/50000"), shifted.err());
        assertArrayEquals(Arrays.copyOfRange(data, 10, 20), shifted.stdout());
    }

    @Test
    void corruptionFlipsExactlyOneByte() throws IOException {
        server.fault("f.bin", new Fault.CorruptByte(777));
        byte[] got = curl("-o", "-", url).check().stdout();
        byte[] expected = data.clone();
        expected[777] ^= (byte) 0xff;
        assertArrayEquals(expected, got);
    }

    @Test
    void lengthFaults() throws IOException {
        server.fault("f.bin", new Fault.OverstateLength(100));
        Command.Result overstated = curl("-o", "/dev/null", url);
        assertEquals(18, overstated.exitCode(), overstated.err());
        server.fault("f.bin", new Fault.ExtraBytes(10));
        // curl stops at the announced length, as the client must; the extra bytes never reach the output.
        assertEquals(50_000, curl("-o", "-", url).check().stdout().length);
        server.fault("f.bin", new Fault.Status(503));
        assertEquals("503", curl("-o", "/dev/null", "-w", "%{http_code}", url).out());
    }

    @Test
    void recordsRequests() throws IOException {
        curl("-A", "probe/1", "-r", "5-6", "-o", "/dev/null", url).check();
        FaultyServer.Request request = server.requests().get(0);
        assertEquals("GET", request.method());
        assertEquals("/f.bin", request.target());
        assertEquals("bytes=5-6", request.headers().get("range"));
        assertEquals("probe/1", request.headers().get("user-agent"));
    }
}
