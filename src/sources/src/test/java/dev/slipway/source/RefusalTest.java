package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.InvalidEntryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every refused archive must satisfy: the exception names the entry, and nothing is written
 * anywhere but the spool, which is deleted again.
 */
abstract class RefusalTest {

    @TempDir
    Path temp;

    Path work;
    Path spool;
    Path outside;
    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectories(temp.resolve("a/work"));
        spool = Files.createDirectories(work.resolve("spool"));
        outside = Files.createDirectories(work.resolve("outside"));
    }

    @AfterEach
    void nothingWasWrittenOutsideTheSpool() throws IOException {
        assertEquals(0, count(spool), "the spool directory is left empty");
        assertEquals(0, count(outside), "the sentinel directory beside the spool is left empty");
        for (String escaped : new String[] {"evil", "pwned", "abs-evil"}) {
            assertFalse(Files.exists(work.resolve(escaped)), escaped);
            assertFalse(Files.exists(temp.resolve("a").resolve(escaped)), escaped);
            assertFalse(Files.exists(Path.of(escaped).toAbsolutePath()), escaped);
        }
    }

    static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    <T extends Throwable> T refused(Class<T> type, byte[] archive, String entry, String... phrases)
            throws IOException {
        Path file = work.resolve("archive.tar");
        Files.write(file, archive);
        return refused(type, file, SourceOptions.spoolingTo(spool), entry, phrases);
    }

    /** The same for a source already on disk (a directory, an OCI layout), read with {@code options}. */
    <T extends Throwable> T refused(Class<T> type, Path source, SourceOptions options, String entry, String... phrases) {
        T e = assertThrows(type, () -> Sources.open(source, options).close());
        String message = e.getMessage();
        assertTrue(message.contains("'" + entry + "'"), () -> "names '" + entry + "': " + message);
        for (String phrase : phrases) {
            assertTrue(message.contains(phrase), () -> "says '" + phrase + "': " + message);
        }
        if (e instanceof InvalidEntryException invalid) {
            assertEquals(entry, invalid.entry());
        }
        if (e instanceof CorruptArchiveException corrupt) {
            assertEquals(entry, corrupt.entry());
        }
        return e;
    }

    /** An OCI layout refused as a whole: the exception names {@code file} of the layout, and the message does too. */
    InvalidImageException refusedImage(Path layout, SourceOptions options, String file, String... phrases) {
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> Sources.open(layout, options).close());
        String message = e.getMessage();
        assertEquals(file, e.file(), message);
        assertTrue(message.contains(file), () -> "names " + file + ": " + message);
        for (String phrase : phrases) {
            assertTrue(message.contains(phrase), () -> "says '" + phrase + "': " + message);
        }
        return e;
    }
}
