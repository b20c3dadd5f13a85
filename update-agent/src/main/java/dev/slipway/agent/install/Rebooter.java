package dev.slipway.agent.install;

import java.io.IOException;
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
        public static final List<String> SYSTEMCTL_REBOOT = List.of("systemctl", "reboot");

        @Override
        public String request() throws IOException {
            Process process = new ProcessBuilder(command).inheritIO().start();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " failed; reboot the node to boot the new slot");
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
