package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.Content;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path temp;

    @Test
    void zerosBecomeHolesButReadBackAsZeros() throws IOException {
        Path file = Files.createFile(temp.resolve("spool"));
        byte[] first = new byte[200_000];
        first[100_000] = 7;
        byte[] second = new byte[70_000];
        Content a;
        Content b;
        Content c;
        try (Spool spool = new Spool(file)) {
            a = spool.append(new ByteArrayInputStream(first), first.length);
            b = spool.append(new ByteArrayInputStream(second), second.length);
            c = spool.append(new ByteArrayInputStream("end".getBytes()), 3);
        }
        assertArrayEquals(first, TreeDiff.bytes(a));
        assertArrayEquals(second, TreeDiff.bytes(b));
        assertArrayEquals("end".getBytes(), TreeDiff.bytes(c));
        assertEquals(first.length + second.length + 3, Files.size(file));
    }

    @Test
    void trailingZerosStillExtendTheFile() throws IOException {
        Path file = Files.createFile(temp.resolve("spool"));
        try (Spool spool = new Spool(file)) {
            spool.append(new ByteArrayInputStream(new byte[100_000]), 100_000);
        }
        assertEquals(100_000, Files.size(file));
    }

    @Test
    void shortInputIsAnEofAndAFullDiskIsNotTheArchivesFault() throws IOException {
        Path file = Files.createFile(temp.resolve("spool"));
        try (Spool spool = new Spool(file)) {
            assertThrows(EOFException.class, () -> spool.append(new ByteArrayInputStream(new byte[10]), 11));
        }
        try (Spool full = new Spool(Path.of("/dev/full"))) {
            Spool.WriteException e = assertThrows(Spool.WriteException.class,
                    () -> full.append(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3));
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        }
    }
}
