package dev.slipway.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Runs a program to completion: its output (stdout and stderr together) goes line by line to the
 * listener and to a log file, and a failure carries the last lines so the message says why.
 */
final class ExternalProcess {

    private static final int LINES_KEPT = 25;

    private ExternalProcess() {
    }

    static void run(List<String> command, Map<String, String> environment, Path log, BuildListener listener)
            throws IOException, ToolFailedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        String program = Path.of(command.get(0)).getFileName().toString();
        Deque<String> last = new ArrayDeque<>();
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                logWriter.write(line);
                logWriter.write('\n');
                listener.message(program + ": " + line);
                if (last.size() == LINES_KEPT) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + program, e);
        }
        if (status != 0) {
            throw new ToolFailedException(program, status, new ArrayList<>(last), log, null);
        }
    }
}
