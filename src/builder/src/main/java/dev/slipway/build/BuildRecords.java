package dev.slipway.build;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes build.json, byte-stable: fixed key order, two-space indent, "\n" line ends. */
public final class BuildRecords {

    public static final String FILE_NAME = "build.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private BuildRecords() {
    }

    public static byte[] toBytes(BuildRecord record) throws IOException {
        return stableJson(record);
    }

    public static byte[] toBytes(PackageLock lock) throws IOException {
        return stableJson(lock);
    }

    /** Reads a lock, saying which file is not one. */
    public static PackageLock readLock(Path file) throws IOException, BuildException {
        PackageLock lock;
        try {
            lock = MAPPER.readValue(Files.readAllBytes(file), PackageLock.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new BuildException(file + " is not a Slipway lock: " + e.getOriginalMessage());
        }
        if (lock.format() != PackageLock.FORMAT) {
            throw new BuildException(file + " is a lock of format " + lock.format() + "; this Slipway reads format "
                    + PackageLock.FORMAT);
        }
        return lock;
    }

    private static byte[] stableJson(Object record) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        String json = MAPPER.writer(printer).writeValueAsString(record) + "\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    public static BuildRecord read(Path file) throws IOException {
        return MAPPER.readValue(Files.readAllBytes(file), BuildRecord.class);
    }
}
