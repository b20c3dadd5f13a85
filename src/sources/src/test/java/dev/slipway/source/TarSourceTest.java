package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tar features beyond what the directory comparison covers. */
class TarSourceTest {

    @TempDir
    Path temp;

    Path spool;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        spool = Files.createDirectories(temp.resolve("spool"));
    }

    private SourceOptions options() {
        return SourceOptions.spoolingTo(spool).withWarnings(warnings::add);
    }

    private LoadedTree open(byte[] archive) throws IOException {
        Path file = temp.resolve("archive-" + System.nanoTime() + ".tar");
        Files.write(file, archive);
        return Sources.open(file, options());
    }

    private static String text(FileTree tree, String path) throws IOException {
        return new String(TreeDiff.bytes(((RegularFile) TreeDiff.find(tree, path)).content()), StandardCharsets.UTF_8);
    }

    @Test
    void libarchiveXattrsAreUrlAndBase64Decoded() throws IOException {
        byte[] value = {'v', 0, (byte) 0xFF};
        byte[] archive = new RawTar().pax('x',
                RawTar.record("LIBARCHIVE.xattr.user.a%3Db%25", Base64.getEncoder().encodeToString(value)),
                RawTar.record("SCHILY.xattr.user.same", "x"),
                RawTar.record("LIBARCHIVE.xattr.user.same", "eA=="))
                .file("f", "x").finish();
        try (LoadedTree loaded = open(archive)) {
            var xattrs = TreeDiff.find(loaded.tree(), "f").metadata().xattrs();
            assertArrayEquals(value, xattrs.get("user.a=b%"));
            assertArrayEquals(new byte[] {'x'}, xattrs.get("user.same"));
            assertEquals(2, xattrs.size());
        }
    }

    @Test
    void xattrsOfNamespacesLinuxLacksAreDroppedWithAWarning() throws IOException {
        byte[] archive = new RawTar().pax('x', RawTar.record("SCHILY.xattr.com.apple.quarantine", "0081;"),
                RawTar.record("SCHILY.xattr.user.kept", "k")).file("f", "x").finish();
        try (LoadedTree loaded = open(archive)) {
            assertEquals(List.of("user.kept"), List.copyOf(TreeDiff.find(loaded.tree(), "f").metadata().xattrs().names()));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("com.apple.quarantine")), warnings::toString);
        }
    }

    @Test
    void paxMtimesKeepNanosecondsAndNegativeFractions() throws IOException {
        byte[] archive = new RawTar()
                .pax('x', RawTar.record("mtime", "-1.5")).file("before-epoch", "")
                .pax('x', RawTar.record("mtime", "1.000000001999")).file("truncated", "")
                .pax('x', RawTar.record("mtime", "1700000000.46991401")).file("trimmed", "")
                .finish();
        try (LoadedTree loaded = open(archive)) {
            FileTree tree = loaded.tree();
            assertEquals(new Timestamp(-2, 500_000_000), TreeDiff.find(tree, "before-epoch").metadata().mtime());
            assertEquals(new Timestamp(1, 1), TreeDiff.find(tree, "truncated").metadata().mtime());
            assertEquals(new Timestamp(1_700_000_000L, 469_914_010), TreeDiff.find(tree, "trimmed").metadata().mtime());
        }
    }

    @Test
    void globalHeadersApplyUntilOverridden() throws IOException {
        byte[] archive = new RawTar()
                .pax('g', RawTar.record("SCHILY.xattr.user.g", "global"), RawTar.record("mtime", "5"))
                .file("a", "a")
                .pax('x', RawTar.record("SCHILY.xattr.user.g", "local"))
                .file("b", "b")
                .finish();
        try (LoadedTree loaded = open(archive)) {
            FileTree tree = loaded.tree();
            assertArrayEquals("global".getBytes(), TreeDiff.find(tree, "a").metadata().xattrs().get("user.g"));
            assertArrayEquals("local".getBytes(), TreeDiff.find(tree, "b").metadata().xattrs().get("user.g"));
            assertEquals(Timestamp.ofSeconds(5), TreeDiff.find(tree, "b").metadata().mtime());
        }
    }

    @Test
    void mtimesNewerThanTheClampAreClamped() throws IOException {
        Timestamp clamp = Timestamp.ofSeconds(1_500_000_000L);
        byte[] archive = new RawTar().dir("d/").file("d/new", "n")
                .pax('x', RawTar.record("mtime", "1000.5")).file("old", "o").finish();
        Path file = temp.resolve("clamp.tar");
        Files.write(file, archive);
        try (LoadedTree loaded = Sources.open(file, options().withClampTo(clamp))) {
            FileTree tree = loaded.tree();
            assertEquals(clamp, TreeDiff.find(tree, "d").metadata().mtime());
            assertEquals(clamp, TreeDiff.find(tree, "d/new").metadata().mtime());
            assertEquals(new Timestamp(1000, 500_000_000), TreeDiff.find(tree, "old").metadata().mtime());
            assertEquals(clamp, tree.root().metadata().mtime(), "the implied root gets the clamp time");
        }
    }

    @Test
    void contiguousFilesAndOldStyleDirectoriesAreRead() throws IOException {
        byte[] archive = new RawTar().entry("old-dir/", '0', new byte[0], "")
                .entry("old-dir/contiguous", '7', "seven".getBytes(), "")
                .entry("v7-file", '\0', "nul".getBytes(), "").finish();
        try (LoadedTree loaded = open(archive)) {
            assertInstanceOf(Directory.class, TreeDiff.find(loaded.tree(), "old-dir"));
            assertEquals("seven", text(loaded.tree(), "old-dir/contiguous"));
            assertEquals("nul", text(loaded.tree(), "v7-file"));
        }
    }

    @Test
    void hardLinksShareOneNodeAndLaterEntriesReplaceEarlierOnes() throws IOException {
        byte[] archive = new RawTar().file("a", "first").hardlink("b", "a").file("c", "old").file("c", "new").finish();
        try (LoadedTree loaded = open(archive)) {
            assertSame(TreeDiff.find(loaded.tree(), "a"), TreeDiff.find(loaded.tree(), "b"));
            assertEquals("new", text(loaded.tree(), "c"));
        }
    }

    @Test
    void volumeLabelsAreSkippedWithAWarning() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Files.writeString(source.resolve("f"), "f");
        Path archive = temp.resolve("label.tar");
        Shell.run("tar", "--format=gnu", "-V", "MY LABEL", "-C", source.toString(), "-cf", archive.toString(), ".");
        try (LoadedTree loaded = Sources.open(archive, options())) {
            assertEquals(1, loaded.tree().root().entries().size());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("volume label 'MY LABEL'")), warnings::toString);
        }
    }

    @Test
    void incrementalDumpDirectoriesAreReadAsDirectories() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src/sub"));
        Files.writeString(source.resolve("f"), "f");
        Path archive = temp.resolve("incremental.tar");
        Shell.run("tar", "--format=gnu", "-g", temp.resolve("snapshot").toString(), "-C",
                temp.resolve("src").toString(), "-cf", archive.toString(), ".");
        try (LoadedTree loaded = Sources.open(archive, options())) {
            assertEquals("f", text(loaded.tree(), "sub/f"));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("dump directory")), warnings::toString);
        }
    }

    @Test
    void aclRecordsAreDroppedWithAWarning() throws IOException {
        byte[] archive = new RawTar().pax('x', RawTar.record("SCHILY.acl.access", "user::rw-,group::r--,other::r--"))
                .file("f", "x").finish();
        try (LoadedTree loaded = open(archive)) {
            assertTrue(TreeDiff.find(loaded.tree(), "f").metadata().xattrs().isEmpty());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("SCHILY.acl.access")), warnings::toString);
        }
    }

    @Test
    void anArchiveWithNoEntriesIsAnEmptyTree() throws IOException {
        try (LoadedTree loaded = open(new RawTar().finish())) {
            assertTrue(loaded.tree().root().entries().isEmpty());
        }
    }

    @Test
    void theSpoolHoldsContentsUntilClosed() throws IOException {
        LoadedTree loaded = open(new RawTar().file("f", "spooled").finish());
        Path file = loaded.spoolFile().orElseThrow();
        assertEquals(spool, file.getParent());
        assertEquals("spooled", text(loaded.tree(), "f"));
        loaded.close();
        assertFalse(Files.exists(file));
        loaded.close();
    }

    @Test
    void sparseHolesStaySparseInTheSpool() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Shell.sh("cd " + Shell.quote(source) + " && truncate -s 256M big && printf tail >> big");
        Path archive = temp.resolve("sparse.tar");
        Shell.run("tar", "--format=pax", "-S", "-C", source.toString(), "-cf", archive.toString(), ".");
        try (LoadedTree loaded = Sources.open(archive, options())) {
            RegularFile big = (RegularFile) TreeDiff.find(loaded.tree(), "big");
            assertEquals((256L << 20) + 4, big.size());
            long blocks = Long.parseLong(Shell.run("stat", "-c", "%b", loaded.spoolFile().orElseThrow().toString()).trim());
            assertTrue(blocks * 512 < (1 << 20), "spool uses " + blocks + " blocks");
            java.nio.ByteBuffer end = java.nio.ByteBuffer.allocate(4);
            big.content().read(big.size() - 4, end);
            assertEquals("tail", new String(end.array(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void tarballsAreReadFromPipesAndThroughSymlinks() throws IOException {
        byte[] archive = new RawTar().file("f", "piped").finish();
        Path fifo = temp.resolve("fifo");
        Shell.run("mkfifo", fifo.toString());
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(archive);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (LoadedTree loaded = Sources.open(fifo, options())) {
            assertEquals("piped", text(loaded.tree(), "f"));
        }
        writer.join();
        Path file = temp.resolve("real.tar");
        Files.write(file, archive);
        Path link = Files.createSymbolicLink(temp.resolve("link.tar"), file);
        try (LoadedTree loaded = Sources.open(link, options())) {
            assertEquals("piped", text(loaded.tree(), "f"));
            assertEquals("tar archive", loaded.description());
        }
    }

    @Test
    void warningsAreOptional() {
        assertNull(new SourceOptions(null, spool, null).clampTo());
    }
}
