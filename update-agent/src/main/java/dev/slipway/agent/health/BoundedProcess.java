package dev.slipway.agent.health;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with a time limit: stdin empty, stdout and stderr together, the last {@link #KEPT} bytes of it
 * kept for the reason a check gives. At the limit the program and every process it started are killed.
 */
final class BoundedProcess {

    /** The end of the output is where a failing program says why. */
    static final int KEPT = 2048;

    /** How a run ended: its exit code (or -1 when killed at the limit), and the end of what it printed. */
    record Outcome(boolean finished, int exitCode, String output) {

        /** The output's last non-blank line, for a one-line reason. */
        String lastLine() {
            List<String> lines = output.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.getLast().strip();
        }
    }

    private BoundedProcess() {
    }

    /** @throws IOException when the program cannot be started (the message says why) */
    static Outcome run(List<String> argv, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        Tail tail = new Tail(process.getInputStream());
        Thread reader = Thread.ofVirtual().start(tail::drain);
        try {
            if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(process);
                reader.join(Duration.ofSeconds(1));
                return new Outcome(false, -1, tail.text());
            }
            // A daemon the program left behind may hold the pipe open; do not wait on it for long.
            reader.join(Duration.ofSeconds(1));
            return new Outcome(true, process.exitValue(), tail.text());
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
    }

    /** Children first: once the parent dies they are reparented and can no longer be found from it. */
    private static void killTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** Reads a stream to its end, keeping only the last {@link #KEPT} bytes. */
    private static final class Tail {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Tail(InputStream in) {
            this.in = in;
        }

        void drain() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    keep(buffer, n);
                }
            } catch (IOException e) {
                // The stream closes when the process is killed: what was read so far is the output.
            }
        }

        private synchronized void keep(byte[] buffer, int n) {
            kept.write(buffer, 0, n);
            if (kept.size() > 2 * KEPT) {
                byte[] all = kept.toByteArray();
                kept.reset();
                kept.write(all, all.length - KEPT, KEPT);
            }
        }

        synchronized String text() {
            byte[] all = kept.toByteArray();
            int from = Math.max(0, all.length - KEPT);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        }
    }
}
