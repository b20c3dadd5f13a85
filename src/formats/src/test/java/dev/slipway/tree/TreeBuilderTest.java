package dev.slipway.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Removal and inspection, the parts of the builder layered sources use; and that adding still refuses type changes. */
class TreeBuilderTest {

    private static final Metadata META = Metadata.of(0644, 0, 0, Timestamp.UNIX_EPOCH);
    private static final Metadata DIR = Metadata.of(0750, 1, 2, Timestamp.UNIX_EPOCH);

    private TreeBuilder builder;

    @BeforeEach
    void setUp() throws InvalidEntryException {
        builder = new TreeBuilder(null);
        builder.addDirectory("d", DIR);
        builder.add("d/file", file("x"));
        builder.addDirectory("d/sub", DIR);
        builder.add("d/sub/deep", file("y"));
        builder.add("link", new Symlink(META, "d"));
        builder.add("top", file("z"));
    }

    private static RegularFile file(String text) {
        return new RegularFile(META, Content.ofBytes(text.getBytes()));
    }

    private static Node find(FileTree tree, String path) {
        Node node = tree.root();
        for (String name : path.split("/")) {
            node = node instanceof Directory d ? d.entries().get(name) : null;
        }
        return node;
    }

    @Test
    void removingADirectoryTakesItsWholeSubtree() throws InvalidEntryException {
        assertTrue(builder.remove("d/"));
        FileTree tree = builder.build();
        assertNull(find(tree, "d"));
        assertEquals(List.of("link", "top"), List.copyOf(tree.root().entries().keySet()));
    }

    @Test
    void removingAFileLeavesItsOtherHardLinks() throws InvalidEntryException {
        builder.addHardlink("d/second", "top");
        assertTrue(builder.remove("./top"));
        FileTree tree = builder.build();
        assertNull(find(tree, "top"));
        assertInstanceOf(RegularFile.class, find(tree, "d/second"));
    }

    @Test
    void removingWhatIsNotThereChangesNothingAndCreatesNoParents() throws InvalidEntryException {
        assertFalse(builder.remove("missing"));
        assertFalse(builder.remove("nowhere/deeper/still"));
        assertNull(builder.typeAt("nowhere"));
        assertEquals(List.of("d", "link", "top"), List.copyOf(builder.build().root().entries().keySet()));
    }

    @Test
    void removalRefusesTheRootEscapesAndPathsThroughLinksOrFiles() {
        assertTrue(assertThrows(InvalidEntryException.class, () -> builder.remove("./")).getMessage()
                .contains("root directory cannot be removed"));
        assertTrue(assertThrows(InvalidEntryException.class, () -> builder.remove("../d")).getMessage().contains("'..'"));
        assertTrue(assertThrows(InvalidEntryException.class, () -> builder.remove("/d")).getMessage().contains("absolute"));
        InvalidEntryException link = assertThrows(InvalidEntryException.class, () -> builder.remove("link/file"));
        assertEquals("link/file", link.entry());
        assertTrue(link.reason().contains("passes through the symlink 'link'"), link.getMessage());
        assertTrue(assertThrows(InvalidEntryException.class, () -> builder.remove("top/x")).getMessage()
                .contains("'top', which is a regular file"));
    }

    @Test
    void aRemovedEntryCanComeBackAsAnotherType() throws InvalidEntryException {
        assertTrue(builder.remove("d"));
        builder.add("d", file("now a file"));
        assertTrue(builder.remove("top"));
        builder.addDirectory("top", DIR);
        builder.add("top/inside", file("i"));
        FileTree tree = builder.build();
        assertInstanceOf(RegularFile.class, find(tree, "d"));
        assertInstanceOf(Directory.class, find(tree, "top"));
        assertInstanceOf(RegularFile.class, find(tree, "top/inside"));
    }

    @Test
    void addingStillRefusesTypeChanges() {
        InvalidEntryException dirToFile = assertThrows(InvalidEntryException.class, () -> builder.add("d", file("f")));
        assertTrue(dirToFile.getMessage().contains("made this a directory"), dirToFile.getMessage());
        assertThrows(InvalidEntryException.class, () -> builder.addDirectory("top", DIR));
        assertThrows(InvalidEntryException.class, () -> builder.addHardlink("d", "top"));
    }

    @Test
    void typeAtReportsEachKindAndNothingBehindLinks() throws InvalidEntryException {
        assertEquals(FileType.DIRECTORY, builder.typeAt(""));
        assertEquals(FileType.DIRECTORY, builder.typeAt("d/sub/"));
        assertEquals(FileType.REGULAR, builder.typeAt("d/sub/deep"));
        assertEquals(FileType.SYMLINK, builder.typeAt("link"));
        assertNull(builder.typeAt("link/file"));
        assertNull(builder.typeAt("top/x"));
    }

    @Test
    void childrenAreListedInByteOrder() throws InvalidEntryException {
        builder.add("d/B", file("b"));
        builder.add("d/a", file("a"));
        assertEquals(List.of("B", "a", "file", "sub"), builder.children("d"));
        assertEquals(List.of("d", "link", "top"), builder.children(""));
        assertEquals(List.of(), builder.children("missing/too"));
    }

    @Test
    void childrenRefusesSymlinksAndFiles() {
        assertTrue(assertThrows(InvalidEntryException.class, () -> builder.children("link")).getMessage()
                .contains("symlink 'link'"));
        assertTrue(assertThrows(InvalidEntryException.class, () -> builder.children("top")).getMessage()
                .contains("not a directory"));
    }

    @Test
    void directoryMetadataCanBeReplacedWithoutLosingChildren() throws InvalidEntryException {
        builder.addDirectory("d", builder.impliedDirectory());
        Directory d = (Directory) find(builder.build(), "d");
        assertEquals(builder.impliedDirectory(), d.metadata());
        assertEquals(List.of("file", "sub"), List.copyOf(d.entries().keySet()));
    }
}
