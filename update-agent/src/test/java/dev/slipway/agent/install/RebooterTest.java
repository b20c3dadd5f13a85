package dev.slipway.agent.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebooterTest {

    @TempDir
    Path temp;

    @Test
    void systemdIsAskedToQueueTheRebootWithoutWaitingForIt() {
        // Waiting would end with systemctl stopped by the very shutdown it asked for.
        assertEquals(List.of("systemctl", "--no-block", "reboot"), Rebooter.Immediate.SYSTEMCTL_REBOOT);
    }

    @Test
    void aFailedRebootCommandIsReportedWithItsExitCodeAndOutput() {
        IOException e = assertThrows(IOException.class, () -> new Rebooter.Immediate(List.of("sh", "-c",
                "echo 'Failed to connect to bus' >&2; exit 3")).request());
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("Failed to connect to bus"), e.getMessage());
        assertTrue(e.getMessage().contains("reboot the node"), e.getMessage());
    }

    @Test
    void aRebootCommandStoppedByTheShutdownItStartedCountsAsStarted() throws IOException {
        assertTrue(new Rebooter.Immediate(List.of("sh", "-c", "echo 'Failed to connect to bus' >&2; kill -TERM $$"))
                .request().startsWith("rebooting now"));
    }

    @Test
    void aRebootCommandThatSucceedsIsDescribed() throws IOException {
        assertTrue(new Rebooter.Immediate(List.of("true")).request().startsWith("rebooting now (true)"));
    }

    @Test
    void kuredGetsItsSentinelFile() throws IOException {
        Path sentinel = temp.resolve("run/reboot-required");
        assertTrue(new Rebooter.Kured(sentinel).request().contains("kured"));
        assertTrue(Files.isRegularFile(sentinel));
    }
}
