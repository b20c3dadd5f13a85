package dev.slipway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs an external tool (mount, fsck.erofs, getfattr...) and captures its output as bytes. */
public final class Command {

    /** Exit status and output of one run. */
    public record Result(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {

        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }

        /** Throws, with the command and everything it printed, unless it exited with 0. */
        public Result check() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exitCode
                        + "\n--- stdout\n" + out() + "\n--- stderr\n" + err());
            }
            return this;
        }
    }

    private Command() {
    }

    /** Runs {@code command} in the C.UTF-8 locale with stdin closed. */
    public static Result run(String... command) throws IOException {
        return run(List.of(command));
    }

    public static Result run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        byte[] stdout = drain(process.getInputStream());
        try {
            int exit = process.waitFor();
            return new Result(List.copyOf(command), exit, stdout, stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
