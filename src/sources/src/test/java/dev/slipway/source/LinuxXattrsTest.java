package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxXattrsTest {

    @TempDir
    Path temp;

    @Test
    void readsValuesByteForByteWithoutFollowingLinks() throws IOException {
        Path file = Files.writeString(temp.resolve("f"), "x");
        Shell.run("setfattr", "-n", "user.bin", "-v", "0x00ff80", file.toString());
        Shell.run("setfattr", "-n", "user.empty", file.toString());
        Path link = Files.createSymbolicLink(temp.resolve("l"), file);
        Map<String, byte[]> values = LinuxXattrs.read(file, "f");
        assertArrayEquals(new byte[] {0, (byte) 0xFF, (byte) 0x80}, values.get("user.bin"));
        assertArrayEquals(new byte[0], values.get("user.empty"));
        assertEquals(2, values.size());
        assertTrue(LinuxXattrs.read(link, "l").isEmpty());
    }

    /* Past the first-try buffer the list and the value are read after asking for their size. */
    @Test
    void readsListsAndValuesLongerThanTheFirstTry() throws IOException {
        Path file = Files.writeString(temp.resolve("f"), "x");
        String longValue = "v".repeat(3000);
        for (int i = 0; i < 20; i++) {
            Shell.run("setfattr", "-n", "user.a-rather-long-attribute-name-" + i, "-v", i == 7 ? longValue : "" + i,
                    file.toString());
        }
        Map<String, byte[]> values = LinuxXattrs.read(file, "f");
        assertEquals(20, values.size());
        assertEquals(longValue, new String(values.get("user.a-rather-long-attribute-name-7"),
                java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("3", new String(values.get("user.a-rather-long-attribute-name-3"),
                java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void failuresSayWhatAndWhy() {
        IOException e = assertThrows(IOException.class, () -> LinuxXattrs.read(temp.resolve("missing"), "missing"));
        assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory (errno 2)"), e.getMessage());
    }
}
