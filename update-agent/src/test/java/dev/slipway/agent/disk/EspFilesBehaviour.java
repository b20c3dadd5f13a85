package dev.slipway.agent.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EspFiles} does, run against each implementation by a subclass, which also gives an
 * independent way in (ls, mtools) to plant a file and to see what is really there.
 */
abstract class EspFilesBehaviour {

    /** The implementation under test, on a fresh, empty ESP. */
    abstract EspFiles esp() throws IOException;

    /** Leaves what a write of {@code path} cut short would leave, by other means than the implementation. */
    abstract void plantStaleTemporary(String path, byte[] bytes) throws IOException;

    /** Every name in {@code directory}, files and directories, as a tool other than the implementation sees it. */
    abstract List<String> namesSeenByPeer(String directory) throws IOException;

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writeThenReadBinary() throws IOException {
        EspFiles esp = esp();
        byte[] kernel = new byte[3 << 20];
        new Random(7).nextBytes(kernel);
        for (int i = 0; i < 256; i++) {
            kernel[i] = (byte) i;
        }
        esp.write("slipway/b/vmlinuz", kernel);
        esp.write("slipway/b/empty", new byte[0]);
        assertArrayEquals(kernel, esp.read("slipway/b/vmlinuz").orElseThrow());
        assertArrayEquals(new byte[0], esp.read("slipway/b/empty").orElseThrow());
        assertEquals(List.of("empty", "vmlinuz"), namesSeenByPeer("slipway/b"));
    }

    @Test
    void writeReplacesAndLeavesNoTemporary() throws IOException {
        EspFiles esp = esp();
        esp.write("loader/loader.conf", text("timeout 3\n"));
        esp.write("loader/loader.conf", text("timeout 0\neditor no\n"));
        assertEquals("timeout 0\neditor no\n", new String(esp.read("loader/loader.conf").orElseThrow(),
                StandardCharsets.UTF_8));
        assertEquals(List.of("loader.conf"), namesSeenByPeer("loader"));
    }

    @Test
    void listShowsFilesOnlySorted() throws IOException {
        EspFiles esp = esp();
        esp.write("loader/entries/slipway-b+3-0.conf", text("b"));
        esp.write("loader/entries/slipway-a.conf", text("a"));
        esp.write("loader/entries/old/x.conf", text("x"));
        esp.write("loader/loader.conf", text("l"));
        assertEquals(List.of("slipway-a.conf", "slipway-b+3-0.conf"), esp.list("loader/entries"));
        assertEquals(List.of("loader.conf"), esp.list("loader"));
        assertEquals(List.of(), esp.list(""));
        assertEquals(List.of(), esp.list("missing"));
        assertEquals(List.of(), esp.list("loader/loader.conf"));
    }

    @Test
    void readsOfWhatIsNotAFileAreEmpty() throws IOException {
        EspFiles esp = esp();
        assertEquals(Optional.empty(), esp.read("loader/loader.conf"));
        esp.write("loader/entries/a.conf", text("a"));
        assertEquals(Optional.empty(), esp.read("loader/entries"));
        assertEquals(Optional.empty(), esp.read("loader/entries/b.conf"));
    }

    @Test
    void renameWithinADirectory() throws IOException {
        EspFiles esp = esp();
        esp.write("loader/entries/slipway-b+3-0.conf", text("entry"));
        esp.write("loader/entries/slipway-a.conf", text("a"));
        esp.rename("loader/entries/slipway-b+3-0.conf", "loader/entries/slipway-b+2-1.conf");
        assertEquals(List.of("slipway-a.conf", "slipway-b+2-1.conf"), namesSeenByPeer("loader/entries"));
        assertEquals("entry", new String(esp.read("loader/entries/slipway-b+2-1.conf").orElseThrow(),
                StandardCharsets.UTF_8));
        assertThrows(FileAlreadyExistsException.class,
                () -> esp.rename("loader/entries/slipway-b+2-1.conf", "loader/entries/slipway-a.conf"));
        assertThrows(NoSuchFileException.class,
                () -> esp.rename("loader/entries/slipway-c.conf", "loader/entries/slipway-d.conf"));
        assertThrows(IllegalArgumentException.class,
                () -> esp.rename("loader/entries/slipway-a.conf", "loader/slipway-a.conf"));
        assertEquals("a", new String(esp.read("loader/entries/slipway-a.conf").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void deleteFilesOnly() throws IOException {
        EspFiles esp = esp();
        esp.write("slipway/a/initrd.img", text("i"));
        esp.delete("slipway/a/initrd.img");
        esp.delete("slipway/a/initrd.img");
        esp.delete("never/there");
        assertEquals(List.of(), namesSeenByPeer("slipway/a"));
        esp.write("slipway/a/x", text("x"));
        assertThrows(IOException.class, () -> esp.delete("slipway/a"));
        assertEquals(List.of("x"), namesSeenByPeer("slipway/a"));
    }

    @Test
    void writeBelowAFileFails() throws IOException {
        EspFiles esp = esp();
        esp.write("slipway/a", text("a file"));
        assertThrows(IOException.class, () -> esp.write("slipway/a/vmlinuz", text("k")));
        assertThrows(IOException.class, () -> esp.write("slipway", text("over a directory")));
    }

    @Test
    void pathsAreChecked() throws IOException {
        EspFiles esp = esp();
        for (String path : List.of("", "/loader/loader.conf", "loader/../x", "./x", "loader//x", "loader/", "a\\b",
                "a:b", "a*", "x\ny", "name.", "name ", "x.conf.slipway-tmp", "n".repeat(250))) {
            assertThrows(IllegalArgumentException.class, () -> esp.write(path, text("x")), path);
            assertThrows(IllegalArgumentException.class, () -> esp.read(path), path);
            assertThrows(IllegalArgumentException.class, () -> esp.delete(path), path);
        }
        assertThrows(IllegalArgumentException.class, () -> esp.list("/loader"));
        assertThrows(IllegalArgumentException.class, () -> esp.list("loader/.."));
        assertEquals(List.of(), namesSeenByPeer(""));
    }

    /** A write cut short leaves its temporary: lists hide it and the next write of the file replaces it. */
    @Test
    void staleTemporaryIsHiddenAndReplaced() throws IOException {
        EspFiles esp = esp();
        esp.write("loader/entries/slipway-b+3-0.conf", text("old"));
        plantStaleTemporary("loader/entries/slipway-b+3-0.conf", text("half of the new entr"));
        assertEquals(List.of("slipway-b+3-0.conf"), esp.list("loader/entries"));
        esp.write("loader/entries/slipway-b+3-0.conf", text("new"));
        esp.sync();
        assertEquals("new", new String(esp.read("loader/entries/slipway-b+3-0.conf").orElseThrow(),
                StandardCharsets.UTF_8));
        assertEquals(List.of("slipway-b+3-0.conf"), namesSeenByPeer("loader/entries"));
    }

    @Test
    void namesWithSpacesAndPlus() throws IOException {
        EspFiles esp = esp();
        esp.write("EFI/Linux/slipway b+1-2.efi", text("uki"));
        assertEquals(List.of("slipway b+1-2.efi"), esp.list("EFI/Linux"));
        assertTrue(namesSeenByPeer("EFI").contains("Linux"));
    }
}
