package dev.slipway.agent.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture itself, with curl as the client: nginx serves a private directory with ranges and stops cleanly. */
class NginxTest {

    @TempDir
    Path root;

    @Test
    void servesAPrivateDirectoryWithRangesAndStops() throws IOException {
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        Files.createDirectories(root.resolve("v1"));
        Files.write(root.resolve("v1/usr.frames"), data);
        // Private to the test's user, as JUnit makes it: the workers must still read it.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));

        Nginx nginx = Nginx.serve(root);
        List<ProcessHandle> processes;
        try {
            String url = nginx.baseUri() + "v1/usr.frames";
            Command.Result whole = Command.run("curl", "-sS", "--max-time", "10", "-o", "-", url).check();
            assertArrayEquals(data, whole.stdout());

            Command.Result ranged = Command.run("curl", "-sS", "--max-time", "10", "-r", "1000-1999", "-D",
                    "/dev/stderr", "-o", "-", url).check();
            assertArrayEquals(Arrays.copyOfRange(data, 1000, 2000), ranged.stdout());
            assertTrue(ranged.err().startsWith("HTTP/1.1 206"), ranged.err());
            assertTrue(ranged.err().contains("Content-Range: bytes 1000-1999/100000"), ranged.err());

            Command.Result missing = Command.run("curl", "-s", "--max-time", "10", "-o", "/dev/null", "-w",
                    "%{http_code}", nginx.baseUri() + "v1/missing").check();
            assertEquals("404", missing.out());
            processes = nginx.process().descendants().toList();
            assertFalse(processes.isEmpty(), "a worker process");
        } finally {
            nginx.close();
        }
        assertFalse(nginx.process().isAlive(), "the master is gone");
        for (ProcessHandle worker : processes) {
            assertFalse(worker.isAlive(), "worker " + worker.pid() + " is gone");
        }
        int port = nginx.baseUri().getPort();
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }
}
