package dev.slipway.agent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a referee tool and returns its standard output, failing the test with its output if it fails. */
public final class Commands {

    private Commands() {
    }

    public static String run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    public static String run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Result result = exec(command, environment);
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exit() + ":\n" + result.output());
        }
        return result.output();
    }

    public record Result(int exit, String output) {
    }

    public static Result exec(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** {@code fsck.vfat -n} on the ESP of a test disk, copied out with dd. */
    public static void fsckEsp(java.nio.file.Path disk, java.nio.file.Path scratch) throws IOException, InterruptedException {
        java.nio.file.Path esp = scratch.resolve("esp-" + System.nanoTime() + ".img");
        run(List.of("dd", "if=" + disk, "of=" + esp, "bs=1M", "skip=" + TestDisk.espOffset() / TestDisk.MIB,
                "count=" + TestDisk.ESP_SIZE / TestDisk.MIB, "status=none"));
        try {
            run(List.of("fsck.vfat", "-n", esp.toString()));
        } finally {
            java.nio.file.Files.delete(esp);
        }
    }
}
