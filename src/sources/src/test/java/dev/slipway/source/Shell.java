package dev.slipway.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the real tools (tar, gzip, setfattr, mknod, ...) that make test fixtures. */
public final class Shell {

    private Shell() {
    }

    /** Runs a command, failing the test with its output when it exits non-zero. */
    public static String run(String... command) throws IOException {
        return run(null, command);
    }

    public static String run(Path directory, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int status = process.waitFor();
            if (status != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + status + ":\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output;
    }

    /** Runs {@code sh -c script}: for pipelines and redirections. */
    public static String sh(String script) throws IOException {
        return run("sh", "-c", script);
    }

    public static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    /** Compresses {@code tar} with a CLI ("gzip", "xz", "zstd", "bzip2"), keeping the original. */
    public static Path compress(Path tar, String tool, String suffix) throws IOException {
        Path out = tar.resolveSibling(tar.getFileName() + suffix);
        sh(tool + " -c < " + quote(tar) + " > " + quote(out));
        return out;
    }

    static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
