package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.Directory;
import dev.slipway.tree.Fifo;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The changeset rules, layer by layer, on layers crafted entry by entry. */
class LayerApplierTest {

    @TempDir
    Path temp;

    private final List<LoadedTree> open = new ArrayList<>();
    private int layouts;

    @AfterEach
    void close() throws IOException {
        for (LoadedTree loaded : open) {
            loaded.close();
        }
    }

    /** The tree of an image made of these uncompressed layers, bottom first. */
    private FileTree read(byte[]... layers) throws IOException {
        OciFixture layout = new OciFixture(temp.resolve("layout" + layouts++));
        List<OciFixture.Layer> stack = new ArrayList<>();
        for (byte[] layer : layers) {
            stack.add(layout.layer(layer, false));
        }
        layout.writeIndexJson(layout.image(stack).descriptor());
        LoadedTree loaded = Sources.open(layout.root, SourceOptions.spoolingTo(Files.createDirectories(temp.resolve("spool"))));
        open.add(loaded);
        return loaded.tree();
    }

    private static RawTar dir(RawTar tar, String name, int mode) {
        return tar.raw(tar.header(name, '5', 0, mode, 0, 0, ""), new byte[0]);
    }

    private static List<String> names(FileTree tree, String path) {
        return List.copyOf(((Directory) TreeDiff.find(tree, path)).entries().keySet());
    }

    private static String text(FileTree tree, String path) throws IOException {
        return new String(TreeDiff.bytes(((RegularFile) TreeDiff.find(tree, path)).content()), StandardCharsets.UTF_8);
    }

    private static Node at(FileTree tree, String path) {
        return TreeDiff.find(tree, path);
    }

    @Test
    void aWhiteoutHidesOnlyLowerLayersWhereverItStandsInItsLayer() throws IOException {
        byte[] lower = new RawTar().dir("a/").file("a/x", "x").finish();
        byte[] whiteoutFirst = dir(new RawTar().file(".wh.a", ""), "a/", 0700).file("a/y", "y").finish();
        byte[] whiteoutLast = dir(new RawTar(), "a/", 0700).file("a/y", "y").file(".wh.a", "").finish();
        for (byte[] upper : List.of(whiteoutFirst, whiteoutLast)) {
            FileTree tree = read(lower, upper);
            assertEquals(List.of("y"), names(tree, "a"));
            assertEquals(0700, at(tree, "a").metadata().permissions(), "the layer's own a/ survives its whiteout");
        }
    }

    @Test
    void aWhitedOutDirectoryKeptOnlyAsAParentIsAsIfNoEntryDescribedIt() throws IOException {
        RawTar lowerTar = new RawTar();
        byte[] lower = lowerTar.raw(lowerTar.header("a/", '5', 0, 0700, 5, 6, ""), new byte[0]).file("a/x", "x").finish();
        for (byte[] upper : List.of(new RawTar().file("a/y", "y").file(".wh.a", "").finish(),
                new RawTar().file(".wh.a", "").file("a/y", "y").finish())) {
            FileTree tree = read(lower, upper);
            assertEquals(List.of("y"), names(tree, "a"));
            assertEquals(Metadata.of(0755, 0, 0, Timestamp.UNIX_EPOCH), at(tree, "a").metadata());
        }
    }

    @Test
    void theSpecsOpaqueExamplesGiveTheSameTreeInEitherOrder() throws IOException {
        byte[] lower = new RawTar().dir("a/").dir("a/b/").dir("a/b/c/").file("a/b/c/bar", "bar").finish();
        byte[] markerFirst = new RawTar().dir("a/").file("a/.wh..wh..opq", "").dir("a/b/").dir("a/b/c/")
                .file("a/b/c/foo", "foo").finish();
        byte[] markerLast = new RawTar().dir("a/").dir("a/b/").dir("a/b/c/").file("a/b/c/foo", "foo")
                .file("a/.wh..wh..opq", "").finish();
        for (byte[] upper : List.of(markerFirst, markerLast)) {
            FileTree tree = read(lower, upper);
            assertEquals(List.of("foo"), names(tree, "a/b/c"));
            assertEquals(List.of("b"), names(tree, "a"));
        }
    }

    @Test
    void anOpaqueRootHidesTheWholeLowerTree() throws IOException {
        FileTree tree = read(new RawTar().file("x", "x").dir("d/").file("d/y", "y").finish(),
                new RawTar().file(".wh..wh..opq", "").file("z", "z").finish());
        assertEquals(List.of("z"), names(tree, ""));
    }

    @Test
    void anEntryReplacesALowerOneOfAnyOtherType() throws IOException {
        byte[] lower = new RawTar().file("f", "f").dir("d/").dir("d/sub/").file("d/sub/child", "c")
                .symlink("s", "/elsewhere").file("p", "p").dir("dl/").file("dl/inside", "i").finish();
        byte[] upper = new RawTar().dir("f/").file("f/in", "in").file("d", "now a file").dir("s/").file("s/in", "in")
                .entry("p", '6', new byte[0], "").symlink("dl", "d").finish();
        FileTree tree = read(lower, upper);
        assertEquals(List.of("in"), names(tree, "f"));
        assertEquals("now a file", text(tree, "d"));
        assertEquals(List.of("in"), names(tree, "s"), "a directory replaced the symlink before anything went below it");
        assertInstanceOf(Fifo.class, at(tree, "p"));
        assertEquals("d", ((Symlink) at(tree, "dl")).target());
        assertNull(at(tree, "dl/inside"));
    }

    @Test
    void aDirectoryEntryOverALowerDirectoryKeepsItsChildren() throws IOException {
        byte[] lower = new RawTar().dir("etc/").file("etc/a", "a").finish();
        FileTree tree = read(lower, dir(new RawTar(), "etc/", 0750).file("etc/b", "b").finish());
        assertEquals(List.of("a", "b"), names(tree, "etc"));
        assertEquals(0750, at(tree, "etc").metadata().permissions());
    }

    @Test
    void withinOneLayerATypeChangeIsRefusedAsInATarball() throws IOException {
        byte[] lower = new RawTar().file("x", "x").finish();
        InvalidEntryException twice = assertThrows(InvalidEntryException.class,
                () -> read(lower, new RawTar().file("x", "new").dir("x/").finish()));
        assertEquals("x/", twice.entry());
        assertTrue(twice.getMessage().contains("made this a regular file"), twice.getMessage());
        assertTrue(twice.getMessage().contains("(in layer 2 of 2, blobs/sha256/"), twice.getMessage());
        InvalidEntryException parent = assertThrows(InvalidEntryException.class,
                () -> read(new RawTar().dir("a/").finish(), new RawTar().file("a/b", "b").file("a", "a").finish()));
        assertTrue(parent.getMessage().contains("made this a directory"), parent.getMessage());
    }

    @Test
    void aRepeatedEntryOfTheSameTypeReplacesTheFirst() throws IOException {
        FileTree tree = read(new RawTar().file("f", "first").file("f", "second").finish());
        assertEquals("second", text(tree, "f"));
    }

    @Test
    void hardLinksMayNameLowerLayersFilesAndChangesSplitThem() throws IOException {
        byte[] lower = new RawTar().file("t", "target").hardlink("t2", "t").finish();
        FileTree tree = read(lower, new RawTar().hardlink("h", "t").file("t2", "replaced").finish());
        assertSame(at(tree, "t"), at(tree, "h"));
        assertNotSame(at(tree, "t"), at(tree, "t2"));
        assertEquals("replaced", text(tree, "t2"));
    }

    @Test
    void aWhiteoutTakesOneNameOfAHardLinkGroup() throws IOException {
        FileTree tree = read(new RawTar().file("t", "target").hardlink("t2", "t").finish(),
                new RawTar().file(".wh.t", "").finish());
        assertNull(at(tree, "t"));
        assertEquals("target", text(tree, "t2"));
    }

    @Test
    void aHardLinkToAFileWhitedOutInItsOwnLayerIsRefused() {
        InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> read(new RawTar().file("t", "t").finish(),
                new RawTar().file(".wh.t", "").hardlink("h", "t").finish()));
        assertEquals("h", e.entry());
        assertTrue(e.getMessage().contains("'t' does not exist"), e.getMessage());
    }

    @Test
    void aRootDirectoryEntryNamedSlashIsTheRootAsUmociWritesIt() throws IOException {
        FileTree tree = read(dir(new RawTar(), "/", 0700).file("etc/a", "a").finish());
        assertEquals(0700, tree.root().metadata().permissions());
        assertEquals(List.of("etc"), names(tree, ""));
    }

    @Test
    void aWhiteoutOfNothingChangesNothing() throws IOException {
        FileTree tree = read(new RawTar().file("x", "x").finish(),
                new RawTar().file("no/such/.wh.thing", "").file(".wh.absent", "").finish());
        assertEquals(List.of("x"), names(tree, ""));
    }
}
