package dev.slipway.agent.disk;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one mtools program on the FAT filesystem at a byte offset of an image file ({@code -i IMAGE@@OFFSET}), with
 * {@code MTOOLS_SKIP_CHECK=1} (mtools otherwise refuses a FAT whose geometry fields it finds odd) and a UTF-8
 * locale (mtools converts long names through the locale's character set).
 */
final class Mtools {

    /** Long enough to copy a kernel and an initrd on a slow disk; a hung mtools is killed after it. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** What one run printed, and how it ended. */
    record Result(int exitCode, byte[] stdout, String stderr) {
    }

    private final String target;
    private final String where;

    Mtools(Path image, long offset) {
        this.target = image + "@@" + offset;
        this.where = "the ESP at byte " + offset + " of " + image;
    }

    /** Runs {@code tool arguments...}, feeding it {@code stdin} (null for none); fails unless it exits with 0. */
    byte[] run(String tool, byte[] stdin, String... arguments) throws IOException {
        Result result = attempt(tool, stdin, arguments);
        if (result.exitCode() != 0) {
            throw failure(tool, arguments, result);
        }
        return result.stdout();
    }

    IOException failure(String tool, String[] arguments, Result result) {
        return new IOException(tool + " " + String.join(" ", arguments) + " failed on " + where + " (exit "
                + result.exitCode() + "): " + result.stderr().strip().replace('\n', ' '));
    }

    /** Runs {@code tool}, whatever its exit code. */
    Result attempt(String tool, byte[] stdin, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(tool, "-i", target));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MTOOLS_SKIP_CHECK", "1");
        builder.environment().put("LC_ALL", "C.UTF-8");
        // FAT stores local time; UTC keeps the times mtools writes independent of the machine's zone.
        builder.environment().put("TZ", "UTC");
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + tool + " to reach " + where + ": install the Debian package "
                    + "mtools (" + e.getMessage() + ")", e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(tool + " did not finish within " + TIMEOUT.toMinutes() + " minutes on " + where
                        + "; killed it");
            }
            return new Result(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + tool + " on " + where, e);
        } catch (ExecutionException e) {
            throw new IOException("reading " + tool + "'s output failed", e.getCause());
        }
    }

    private static byte[] drain(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stream.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
