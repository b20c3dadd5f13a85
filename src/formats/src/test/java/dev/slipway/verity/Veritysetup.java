package dev.slipway.verity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Runs cryptsetup's {@code veritysetup} (user-space format, verify and dump only) as a referee. */
final class Veritysetup {

    record Run(int exitCode, String output) {
        Run requireSuccess() {
            assertEquals(0, exitCode, () -> "veritysetup failed:\n" + output);
            return this;
        }

        /** Fields of {@code format} and {@code dump} output, "Name:  value" per line. */
        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : output.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            return fields;
        }

        String rootHash() {
            String root = fields().get("Root hash");
            assertNotNull(root, () -> "no root hash in:\n" + output);
            return root;
        }
    }

    private Veritysetup() {
    }

    static boolean available() {
        try {
            return run("--version").exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Run run(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("veritysetup");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("veritysetup timed out: " + command);
            }
            return new Run(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@code veritysetup format} with the salt and UUID of {@code p}; extra options appended. */
    static String format(Path data, Path hash, VerityParameters p, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("format", data.toString(), hash.toString(),
                "--salt=" + p.saltHex(), "--uuid=" + p.uuid(), "--hash=" + p.algorithm(),
                "--data-block-size=" + p.dataBlockSize(), "--hash-block-size=" + p.hashBlockSize()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new)).requireSuccess().rootHash();
    }

    /** Deterministic pseudo-random bytes: data the tests can regenerate from the seed. */
    static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Path writeRandom(Path file, long seed, long length) throws IOException {
        Files.write(file, randomBytes(seed, Math.toIntExact(length)));
        return file;
    }
}
