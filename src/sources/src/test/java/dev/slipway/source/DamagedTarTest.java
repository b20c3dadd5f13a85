package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Truncated, corrupt and foreign files: refused with a message that says where and what to do. */
class DamagedTarTest extends RefusalTest {

    private static byte[] twoFiles() {
        return new RawTar().file("first", "x".repeat(2000)).file("second", "y".repeat(100)).finish();
    }

    @Test
    void archiveCutInsideAHeaderIsRefused() throws IOException {
        byte[] cut = Arrays.copyOf(twoFiles(), 2560 + 100);
        refused(CorruptArchiveException.class, cut, "first", "ends inside the header that follows", "truncated");
    }

    @Test
    void archiveCutInsideFileDataIsRefused() throws IOException {
        byte[] cut = Arrays.copyOf(twoFiles(), 512 + 1000);
        refused(CorruptArchiveException.class, cut, "first", "ends inside entry 'first'", "download it again");
    }

    @Test
    void archiveCutInsideThePaddingIsRefused() throws IOException {
        byte[] cut = Arrays.copyOf(twoFiles(), 512 + 2020);
        refused(CorruptArchiveException.class, cut, "first", "truncated");
    }

    @Test
    void archiveCutBetweenEntriesIsRefused() throws IOException {
        byte[] cut = Arrays.copyOf(twoFiles(), 2560);
        refused(CorruptArchiveException.class, cut, "first", "without tar's end-of-archive marker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "xz", "zstd -q", "bzip2"})
    void compressedArchiveCutShortIsRefused(String tool) throws IOException {
        Random random = new Random(7);
        byte[] noise = new byte[1_200_000]; // more than one 900 kB bzip2 block
        random.nextBytes(noise);
        byte[] tar = new RawTar().entry("noise", '0', noise, "").file("after", "x").finish();
        Path plain = work.resolve("plain.tar");
        Files.write(plain, tar);
        Path compressed = Shell.compress(plain, tool, ".c");
        byte[] bytes = Files.readAllBytes(compressed);
        Files.delete(plain);
        Files.delete(compressed);
        refused(CorruptArchiveException.class, Arrays.copyOf(bytes, bytes.length * 9 / 10), "noise",
                "damaged or truncated");
    }

    @Test
    void gzipCutInsideItsHeaderIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(twoFiles());
        }
        Path file = work.resolve("archive.tar");
        Files.write(file, Arrays.copyOf(bytes.toByteArray(), 5));
        CorruptArchiveException e = assertThrows(CorruptArchiveException.class,
                () -> Sources.open(file, SourceOptions.spoolingTo(spool)).close());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void badHeaderChecksumIsRefused() throws IOException {
        byte[] archive = twoFiles();
        archive[2560 + 3] ^= 1;
        refused(CorruptArchiveException.class, archive, "first", "corrupt after entry 'first'");
    }

    @Test
    void garbageIsNotATarArchive() throws IOException {
        byte[] garbage = new byte[10_000];
        new Random(1).nextBytes(garbage);
        garbage[0] = 'G';
        Path file = work.resolve("archive.tar");
        Files.write(file, garbage);
        CorruptArchiveException e = assertThrows(CorruptArchiveException.class,
                () -> Sources.open(file, SourceOptions.spoolingTo(spool)).close());
        assertTrue(e.getMessage().contains("not a tar archive"), e.getMessage());
        assertEquals(null, e.entry());
    }

    @Test
    void anEmptyFileIsNotAnArchive() throws IOException {
        Path file = work.resolve("archive.tar");
        Files.write(file, new byte[0]);
        CorruptArchiveException e = assertThrows(CorruptArchiveException.class,
                () -> Sources.open(file, SourceOptions.spoolingTo(spool)).close());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void zipFilesAreRecognisedAndRefused() throws IOException {
        Path file = work.resolve("archive.tar");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0});
        CorruptArchiveException e = assertThrows(CorruptArchiveException.class,
                () -> Sources.open(file, SourceOptions.spoolingTo(spool)).close());
        assertTrue(e.getMessage().contains("zip"), e.getMessage());
    }

    @Test
    void malformedPaxRecordsAreRefused() throws IOException {
        byte[] archive = new RawTar().file("before", "x")
                .pax('x', "99 path=short\n".getBytes(StandardCharsets.US_ASCII)).file("f", "x").finish();
        refused(CorruptArchiveException.class, archive, "before", "corrupt after entry 'before'");
    }

    @Test
    void truncatedDumpDirectoriesAreRefused() throws IOException {
        byte[] archive = new RawTar().entry("dump/", 'D', new byte[600], "").unfinished();
        refused(CorruptArchiveException.class, Arrays.copyOf(archive, 512 + 300), "dump/", "truncated");
    }
}
