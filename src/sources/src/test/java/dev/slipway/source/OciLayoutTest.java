package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.erofs.ErofsOptions;
import dev.slipway.erofs.ErofsWriter;
import dev.slipway.io.Progress;
import dev.slipway.testing.MountedImage;
import dev.slipway.testing.TreeComparison;
import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test: an OCI layout made of two GNU tar layers, the upper one gzip-compressed,
 * with whiteouts, an opaque directory, type changes both ways and a hard link to a lower layer's
 * file. Slipway's merged tree is checked name by name against what the image-spec says, against
 * {@code umoci raw unpack} (an independent implementation of the same rules, run as root so that
 * owners survive), and, written as EROFS, under a kernel mount.
 */
class OciLayoutTest {

    private static final String TAG = "acceptance";

    @TempDir
    static Path work;

    static OciFixture layout;
    static LoadedTree loaded;
    static FileTree tree;

    @BeforeAll
    static void buildAndRead() throws IOException {
        layout = new OciFixture(work.resolve("layout"));
        Path lower = OciFixture.stage(work.resolve("lower"), """
                mkdir -p etc opaque/sub dir-becomes-file gone/deep usr/bin late
                echo base > etc/hosts
                echo doomed > etc/removed
                echo kept > etc/keep
                setfattr -n user.layer -v one etc/keep
                echo a > opaque/lower-a
                echo b > opaque/sub/lower-b
                echo child > dir-becomes-file/child
                echo file > file-becomes-dir
                echo shared > link-target
                ln link-target hard1
                ln -s etc/hosts sym
                printf tool > usr/bin/tool
                chown 1000:1000 usr/bin/tool
                chmod 4755 usr/bin/tool
                echo deep > gone/deep/file
                echo old > late/old
                find . -depth -exec touch -h -d @1600000000.123456789 {} +
                """);
        Path upper = OciFixture.stage(work.resolve("upper"), """
                mkdir -p etc opaque file-becomes-dir late
                chmod 0700 etc
                echo upper > etc/hosts
                : > etc/.wh.removed
                : > opaque/.wh..wh..opq
                echo c > opaque/upper-c
                : > .wh.gone
                echo now-a-file > dir-becomes-file
                echo inner > file-becomes-dir/inner
                echo new > late/new
                : > late/.wh..wh..opq
                find . -depth -exec touch -h -d @1700000000.987654321 {} +
                """);
        // The opaque marker of late/ comes after that directory's new file: it must still spare it.
        List<String> upperOrder = new ArrayList<>(OciFixture.allPaths(upper));
        upperOrder.remove("./late/.wh..wh..opq");
        upperOrder.add("./late/.wh..wh..opq");
        // GNU tar stores a hard link only to a file in the same archive: this one, to the lower
        // layer's link-target, is appended by hand.
        byte[] upperTar = OciFixture.concat(OciFixture.withoutEndMarker(OciFixture.gnuTar(upper, upperOrder)),
                new RawTar().hardlink("./hard2", "./link-target").finish());
        OciFixture.Layer first = layout.layer(OciFixture.gnuTar(lower, OciFixture.allPaths(lower)), false);
        OciFixture.Layer second = layout.layer(upperTar, true);
        layout.tag(layout.image(List.of(first, second)), TAG);

        loaded = Sources.open(layout.root, SourceOptions.spoolingTo(work).withReference(TAG));
        tree = loaded.tree();
    }

    @AfterAll
    static void close() throws IOException {
        loaded.close();
    }

    private static Node at(String path) {
        return TreeDiff.find(tree, path);
    }

    private static List<String> names(String path) {
        return List.copyOf(((Directory) at(path)).entries().keySet());
    }

    private static String text(String path) throws IOException {
        return new String(TreeDiff.bytes(((RegularFile) at(path)).content()), StandardCharsets.UTF_8);
    }

    @Test
    void theMergedTreeIsWhatTheSpecDescribes() throws IOException {
        assertEquals(List.of("dir-becomes-file", "etc", "file-becomes-dir", "hard1", "hard2", "late", "link-target",
                "opaque", "sym", "usr"), names(""), "gone/ is whited out");
        assertEquals(List.of("hosts", "keep"), names("etc"), "etc/removed is whited out");
        assertEquals(0700, at("etc").metadata().permissions(), "the upper etc/ entry replaces its attributes");
        assertEquals("upper\n", text("etc/hosts"));
        assertEquals("one", new String(at("etc/keep").metadata().xattrs().get("user.layer"), StandardCharsets.UTF_8));
        assertEquals(List.of("upper-c"), names("opaque"), "an opaque directory hides every lower child");
        assertEquals(List.of("new"), names("late"), "an opaque marker spares its own layer's files, whatever the order");
        assertEquals("now-a-file\n", text("dir-becomes-file"));
        assertEquals(List.of("inner"), names("file-becomes-dir"));
        assertSame(at("link-target"), at("hard1"));
        assertSame(at("link-target"), at("hard2"), "a hard link may name a lower layer's file");
        assertEquals("etc/hosts", ((Symlink) at("sym")).target());
        assertEquals(04755, at("usr/bin/tool").metadata().permissions());
        assertEquals(1000, at("usr/bin/tool").metadata().uid());
        tree.walk((path, node) -> assertFalse(path.contains(".wh."), () -> path + " is a whiteout left in the tree"));
        assertTrue(loaded.spoolFile().isPresent());
        assertTrue(loaded.description().contains("2 layers"), loaded.description());
    }

    @Test
    void umociUnpacksTheSameTree() throws IOException {
        Path rootfs = layout.umociUnpack(TAG, work.resolve("umoci-rootfs"));
        TreeComparison.assertMatches(tree, rootfs);
    }

    /**
     * A second producer: umoci's own layers (repack of an unpacked bundle; removing a directory
     * gives a whiteout). Not {@code umoci insert}: umoci 0.4.7 forgets the tar end-of-archive
     * marker there (umoci issue #436), which GNU tar and Slipway refuse as truncation.
     */
    @Test
    void aLayoutUmociWroteReadsAsUmociUnpacksIt() throws IOException {
        Path written = UmociImage.create(work.resolve("umoci-layout"), "made", """
                mkdir -p etc/sub
                echo hello > etc/hello
                echo gone > etc/sub/gone
                chown 123:456 etc/hello
                """, "rm -r etc/sub");
        try (LoadedTree fromUmoci = Sources.open(written, SourceOptions.spoolingTo(work))) {
            Directory etc = (Directory) TreeDiff.find(fromUmoci.tree(), "etc");
            assertEquals(List.of("hello"), List.copyOf(etc.entries().keySet()));
            assertEquals(123, etc.entries().get("hello").metadata().uid());
            TreeComparison.assertMatches(fromUmoci.tree(), UmociImage.unpack(written, "made", work.resolve("umoci-made-rootfs")));
        }
    }

    @Test
    void theKernelMountsTheSameTree() throws IOException {
        Path image = work.resolve("oci.erofs");
        ErofsWriter.write(tree, image, new ErofsOptions(tree.newestMtime(), new UUID(7, 9), "oci"), Progress.NONE);
        try (MountedImage mounted = MountedImage.erofs(image, work.resolve("mnt"))) {
            TreeComparison.assertMatches(tree, mounted.root());
            assertFalse(Files.exists(mounted.root().resolve("etc/removed")));
            assertFalse(Files.exists(mounted.root().resolve("opaque/lower-a")));
            assertInstanceOf(Directory.class, at("file-becomes-dir"));
            assertTrue(Files.isRegularFile(mounted.root().resolve("dir-becomes-file")));
        }
    }
}
