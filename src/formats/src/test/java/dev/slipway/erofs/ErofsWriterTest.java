package dev.slipway.erofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.io.Progress;
import dev.slipway.testing.Command;
import dev.slipway.testing.Fsck;
import dev.slipway.testing.MountedImage;
import dev.slipway.testing.TreeComparison;
import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.TreeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole images, refereed by fsck.erofs, the kernel (loop mount) and dump.erofs. */
class ErofsWriterTest {

    private static FileTree coverage;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTree() throws InvalidEntryException {
        coverage = TestTrees.coverage();
    }

    @Test
    void coverageTreeReadsBackExactly() throws IOException {
        Path image = dir.resolve("coverage.erofs");
        ErofsImage summary = ErofsWriter.write(coverage, image, TestTrees.OPTIONS, Progress.NONE);

        assertEquals(summary.blocks() * ErofsImage.BLOCK_SIZE, Files.size(image));
        assertTrue(summary.compactInodes() > 0 && summary.compactInodes() < summary.inodes(), summary.toString());
        assertTrue(summary.sharedXattrs() >= 2, summary.toString());
        Fsck.erofs(image);
        try (MountedImage mounted = MountedImage.erofs(image, dir.resolve("mnt"))) {
            TreeComparison.assertMatches(coverage, mounted.root());
        }
    }

    @Test
    void sameTreeAndOptionsGiveIdenticalBytes() throws IOException {
        Path first = dir.resolve("first.erofs");
        Path second = dir.resolve("second.erofs");
        ErofsWriter.write(coverage, first, TestTrees.OPTIONS, Progress.NONE);
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        try {
            // Nothing of the environment may leak in; a freshly built tree has fresh hash codes too.
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            ErofsWriter.write(TestTrees.coverage(), second, TestTrees.OPTIONS, Progress.NONE);
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
        assertEquals(-1, Files.mismatch(first, second));
    }

    @Test
    void optionsChangeOnlyTheirFields() throws IOException {
        Path first = dir.resolve("first.erofs");
        Path second = dir.resolve("second.erofs");
        ErofsWriter.write(coverage, first, TestTrees.OPTIONS, Progress.NONE);
        ErofsWriter.write(coverage, second, new ErofsOptions(TestTrees.BUILD_TIME, new UUID(1, 2), ""), Progress.NONE);
        byte[] a = Files.readAllBytes(first);
        byte[] b = Files.readAllBytes(second);
        assertEquals(a.length, b.length);
        // Only the checksum, the UUID and the volume name differ.
        for (int i = 0; i < a.length; i++) {
            int field = i - Superblock.OFFSET;
            boolean allowed = field >= Superblock.CHECKSUM_OFFSET && field < Superblock.CHECKSUM_OFFSET + 4
                    || field >= Superblock.UUID_OFFSET && field < Superblock.VOLUME_NAME_OFFSET + Superblock.VOLUME_NAME_SIZE;
            if (!allowed) {
                assertEquals(a[i], b[i], "byte " + i);
            }
        }
    }

    @Test
    void rootOnlyTree() throws IOException {
        FileTree tree = new TreeBuilder(null).build();
        Path image = dir.resolve("empty.erofs");
        ErofsImage summary = ErofsWriter.write(tree, image, TestTrees.OPTIONS, Progress.NONE);
        assertEquals(1, summary.inodes());
        assertEquals(1, summary.blocks());
        Fsck.erofs(image);
        try (MountedImage mounted = MountedImage.erofs(image, dir.resolve("mnt"))) {
            TreeComparison.assertMatches(tree, mounted.root());
        }
    }

    @Test
    void dumpErofsReadsOurSuperblock() throws IOException {
        Path image = dir.resolve("dump.erofs");
        ErofsImage summary = ErofsWriter.write(coverage, image, TestTrees.OPTIONS, Progress.NONE);
        String out = Command.run("dump.erofs", "-s", image.toString()).check().out();
        assertTrue(out.contains("0xE0F5E1E2"), out);
        assertTrue(out.matches("(?s).*root nid:\\s+" + summary.rootNid() + "\\s.*"), out);
        assertTrue(out.matches("(?s).*inode count:\\s+" + summary.inodes() + "\\s.*"), out);
        assertTrue(out.matches("(?s).*Filesystem blocks:\\s+" + summary.blocks() + "\\s.*"), out);
        assertTrue(out.contains(TestTrees.OPTIONS.uuid().toString()), out);
        assertTrue(out.contains("sb_csum"), out);
        String linked = Command.run("dump.erofs", "--path=/big/entry-00007", image.toString()).check().out();
        assertTrue(linked.contains("Links: 11"), linked);
        String listing = Command.run("dump.erofs", "--ls", "--path=/big", image.toString()).check().out();
        assertTrue(listing.contains(" entry-00000\n") && listing.contains(" entry-09999\n"), listing);
        assertEquals(10_002, listing.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d\\s+.*")).count());
    }

    @Test
    void unsupportedXattrPrefixNamesFileAndAttribute() throws IOException {
        TreeBuilder b = new TreeBuilder(null);
        b.addDirectory("etc", TestTrees.plain(0755));
        b.add("etc/conf", new RegularFile(TestTrees.plain(0644).withXattrs(TestTrees.xattrs("system.nfs4_acl", "x")),
                Content.ofBytes(new byte[1])));
        InvalidEntryException e = assertThrows(InvalidEntryException.class,
                () -> ErofsWriter.write(b.build(), dir.resolve("bad.erofs"), TestTrees.OPTIONS, Progress.NONE));
        assertTrue(e.getMessage().contains("etc/conf") && e.getMessage().contains("system.nfs4_acl"), e.getMessage());
    }

    @Test
    void oversizedXattrValueIsRefused() throws IOException {
        TreeBuilder b = new TreeBuilder(null);
        b.add("f", new RegularFile(TestTrees.plain(0644).withXattrs(TestTrees.xattrs("user.big", new byte[65536])),
                Content.ofBytes(new byte[0])));
        InvalidEntryException e = assertThrows(InvalidEntryException.class,
                () -> ErofsWriter.write(b.build(), dir.resolve("bad.erofs"), TestTrees.OPTIONS, Progress.NONE));
        assertTrue(e.getMessage().contains("'f'") && e.getMessage().contains("user.big"), e.getMessage());
    }

    @Test
    void comparisonNoticesDifferences() throws IOException {
        TreeBuilder b = new TreeBuilder(null);
        b.add("a", TestTrees.file(TestTrees.plain(0644), 1, 10));
        FileTree written = b.build();
        Path image = dir.resolve("small.erofs");
        ErofsWriter.write(written, image, TestTrees.OPTIONS, Progress.NONE);

        TreeBuilder other = new TreeBuilder(null);
        other.add("a", TestTrees.file(TestTrees.plain(0600), 2, 10));
        other.add("b", TestTrees.file(TestTrees.plain(0644), 1, 10));
        try (MountedImage mounted = MountedImage.erofs(image, dir.resolve("mnt"))) {
            AssertionError e = assertThrows(AssertionError.class, () -> TreeComparison.assertMatches(other.build(), mounted.root()));
            assertTrue(e.getMessage().contains("'a' permissions") && e.getMessage().contains("'a' contents differ")
                    && e.getMessage().contains("'b' is missing"), e.getMessage());
        }
    }

    @Test
    void progressCountsEveryByte() throws IOException {
        long[] seen = new long[2];
        Progress progress = new Progress() {
            @Override
            public void start(String task, long total) {
                seen[0] = total;
            }

            @Override
            public void advance(long units) {
                seen[1] += units;
            }

            @Override
            public void finish() {
            }
        };
        ErofsWriter.write(coverage, dir.resolve("p.erofs"), TestTrees.OPTIONS, progress);
        assertTrue(seen[0] > 0);
        assertEquals(seen[0], seen[1]);
    }
}
