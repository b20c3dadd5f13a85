package dev.slipway.agent.kvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slipway.testing.Command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The C referee (src/test/resources/.../kvp_tool.c), compiled with gcc once per test run: it reads and
 * writes pools with the daemon's struct and fcntl lock, sharing no code with {@link KvpPool}.
 */
final class KvpTool {

    static final int RECORD = 2560;
    private static Path binary;

    private KvpTool() {
    }

    /** The compiled tool; gcc (Debian package gcc, with libc6-dev) must be installed. */
    static synchronized Path binary() throws IOException {
        if (binary == null) {
            Path dir = Files.createTempDirectory("kvp-tool");
            Path source = dir.resolve("kvp_tool.c");
            try (InputStream in = KvpTool.class.getResourceAsStream("kvp_tool.c")) {
                Files.copy(in, source);
            }
            Path out = dir.resolve("kvp_tool");
            // Deleted in the reverse order of registration: the files, then the directory.
            dir.toFile().deleteOnExit();
            source.toFile().deleteOnExit();
            out.toFile().deleteOnExit();
            Command.run("gcc", "-std=c11", "-D_DEFAULT_SOURCE", "-Wall", "-Werror", "-O1", "-o", out.toString(),
                    source.toString()).check();
            binary = out;
        }
        return binary;
    }

    /** Appends records under the daemon's lock. */
    static void append(Path pool, String... keysAndValues) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "append", pool.toString()));
        command.addAll(Arrays.asList(keysAndValues));
        Command.run(command).check();
    }

    /** The C reader's view: one "index\tkey\tvalue" line per record, non-ASCII bytes as \xNN. */
    static List<String> dump(Path pool) throws IOException {
        String out = Command.run(binary().toString(), "dump", pool.toString()).check().out();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** F_GETLK's answer: "free" or "locked by PID TYPE START LEN". */
    static String probe(Path pool) throws IOException {
        return Command.run(binary().toString(), "probe", pool.toString()).check().out().strip();
    }

    /** {@code record} of {@code pool}'s bytes. */
    static byte[] record(byte[] pool, int index) {
        return Arrays.copyOfRange(pool, index * RECORD, (index + 1) * RECORD);
    }

    /** A key or value field as the pool must hold it: the UTF-8 text, then zeros to {@code size}. */
    static byte[] field(String text, int size) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), size);
    }

    /** Asserts record {@code index} of {@code pool} is exactly {@code key} and {@code value}, zero-padded. */
    static void assertRecord(byte[] pool, int index, String key, String value) {
        byte[] record = record(pool, index);
        assertArrayEquals(field(key, 512), Arrays.copyOf(record, 512), "key field of record " + index);
        assertArrayEquals(field(value, 2048), Arrays.copyOfRange(record, 512, RECORD), "value field of record " + index);
    }
}
