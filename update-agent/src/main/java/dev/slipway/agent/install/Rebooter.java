package dev.slipway.agent.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** How a staged update reaches the bootloader: the reboot strategies of agent.toml. */
public sealed interface Rebooter {

    /** Asks for the reboot; returns what was done, in words, or null when nothing was (manual). */
    String request() throws IOException;

    /** kured's contract: the sentinel file; kured drains the node and reboots it when the cluster allows. */
    record Kured(Path sentinel) implements Rebooter {
        public static final Path SENTINEL = Path.of("/var/run/reboot-required");

        @Override
        public String request() throws IOException {
            Files.createDirectories(sentinel.getParent());
            Files.write(sentinel, new byte[0]);
            return "created " + sentinel + " for kured, which drains and reboots the node";
        }
    }

    /** Reboots at once through systemd. */
    record Immediate(List<String> command) implements Rebooter {
        /**
         * Queues the reboot and returns: waiting for it (systemctl's default) ends in systemctl being stopped by
         * the shutdown it asked for, with an exit code that reads as a failure.
         */
        public static final List<String> SYSTEMCTL_REBOOT = List.of("systemctl", "--no-block", "reboot");
        /** The exit status of a process ended by SIGTERM. */
        static final int STOPPED_BY_SHUTDOWN = 128 + 15;

        @Override
        public String request() throws IOException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not return within 60 s; reboot the node"
                            + " to boot the new slot");
                }
                // Killed by SIGTERM: the shutdown it queued had already begun stopping this service, children
                // included (seen in UpdateEndToEndTest), so the reboot is under way.
                if (process.exitValue() != 0 && process.exitValue() != STOPPED_BY_SHUTDOWN) {
                    throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                            + (output.isEmpty() ? "" : " (" + output.replace('\n', ' ') + ")")
                            + "; reboot the node to boot the new slot");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking for a reboot", e);
            }
            return "rebooting now (" + String.join(" ", command) + ")";
        }
    }

    /** Stages only; the operator reboots. */
    record Manual() implements Rebooter {
        @Override
        public String request() {
            return null;
        }
    }
}
