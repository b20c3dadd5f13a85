package dev.slipway.disk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DiskFormatTest {

    @TempDir
    Path dir;

    private Path file(String name, int size, int at, String text) throws IOException {
        byte[] bytes = new byte[size];
        byte[] mark = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mark, 0, bytes, at, mark.length);
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void detectsByContent() throws IOException {
        assertEquals(DiskFormat.VHDX, DiskFormat.detect(file("a", 4096, 0, "vhdxfile")));
        assertEquals(DiskFormat.VHD, DiskFormat.detect(file("b", 4096, 4096 - 512, "conectix")));
        assertEquals(DiskFormat.VHD, DiskFormat.detect(file("c", 4096, 0, "conectix")), "a dynamic VHD's footer copy");
        assertEquals(DiskFormat.RAW, DiskFormat.detect(file("d", 4096, 4096 - 511, "conectix")));
        assertEquals(DiskFormat.RAW, DiskFormat.detect(file("e", 100, 0, "vhdx")));
        assertEquals(DiskFormat.RAW, DiskFormat.detect(Files.write(dir.resolve("f"), new byte[0])));
        byte[] tiny = Arrays.copyOf("vhdxfile".getBytes(StandardCharsets.US_ASCII), 8);
        assertEquals(DiskFormat.VHDX, DiskFormat.detect(Files.write(dir.resolve("g"), tiny)));
    }

    @Test
    void namesAreCaseInsensitive() {
        assertEquals(DiskFormat.VHDX, DiskFormat.of("VhdX"));
        assertThrows(IllegalArgumentException.class, () -> DiskFormat.of("qcow2"));
    }
}
