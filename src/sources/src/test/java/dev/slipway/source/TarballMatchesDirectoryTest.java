package dev.slipway.source;

import static dev.slipway.source.Shell.quote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.source.TreeDiff.Tolerance;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.RegularFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same tree, read from a directory and from GNU tar archives of it in every format. */
class TarballMatchesDirectoryTest {

    @TempDir
    static Path work;

    static Path rich;
    static Path simple;
    static Path spool;
    static LoadedTree fromDirectory;
    static LoadedTree simpleFromDirectory;

    @BeforeAll
    static void buildTrees() throws IOException {
        rich = RichTree.create(work.resolve("rich"), false);
        simple = RichTree.create(work.resolve("simple"), true);
        spool = Files.createDirectories(work.resolve("spool"));
        fromDirectory = Sources.open(rich, SourceOptions.spoolingTo(spool));
        simpleFromDirectory = Sources.open(simple, SourceOptions.spoolingTo(spool));
    }

    @AfterAll
    static void close() throws IOException {
        fromDirectory.close();
        simpleFromDirectory.close();
    }

    private static Path tar(Path source, String name, String... options) throws IOException {
        Path out = work.resolve(name);
        List<String> command = new ArrayList<>(List.of("tar", "--numeric-owner"));
        command.addAll(List.of(options));
        command.addAll(List.of("-C", source.toString(), "-cf", out.toString(), "."));
        Shell.run(command.toArray(String[]::new));
        return out;
    }

    private static Path paxTar(String name, String... extra) throws IOException {
        List<String> options = new ArrayList<>(List.of("--format=pax", "--xattrs", "--xattrs-include=*"));
        options.addAll(List.of(extra));
        return tar(rich, name, options.toArray(String[]::new));
    }

    private static FileTree read(Path archive, LoadedTree[] keep) throws IOException {
        keep[0] = Sources.open(archive, SourceOptions.spoolingTo(spool));
        return keep[0].tree();
    }

    private static void assertMatches(LoadedTree expected, Path archive, Tolerance tolerance) throws IOException {
        try (LoadedTree loaded = Sources.open(archive, SourceOptions.spoolingTo(spool))) {
            TreeDiff.assertSameTree(expected.tree(), loaded.tree(), tolerance);
            assertTrue(loaded.spoolFile().isPresent());
        }
    }

    @Test
    void paxArchiveIsIdenticalToTheDirectory() throws IOException {
        assertMatches(fromDirectory, paxTar("pax.tar"), Tolerance.EXACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip:.gz", "xz:.xz", "zstd -q:.zst", "bzip2:.bz2"})
    void compressedPaxArchivesAreIdenticalToTheDirectory(String tool) throws IOException {
        String[] parts = tool.split(":");
        Path archive = Shell.compress(paxTar("compressed-" + parts[1].substring(1) + ".tar"), parts[0], parts[1]);
        assertMatches(fromDirectory, archive, Tolerance.EXACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0", "0.1", "1.0"})
    void sparsePaxArchivesAreIdenticalToTheDirectory(String version) throws IOException {
        Path archive = paxTar("sparse-" + version + ".tar", "--sparse", "--sparse-version=" + version);
        String listing = Shell.run("tar", "-tvf", archive.toString());
        assertTrue(listing.contains("./sparse"), listing);
        assertMatches(fromDirectory, archive, Tolerance.EXACT);
    }

    @Test
    void gnuArchiveMatchesExceptForWhatTheFormatCannotHold() throws IOException {
        Path archive = tar(rich, "gnu.tar", "--format=gnu", "--sparse");
        assertMatches(fromDirectory, archive, new Tolerance(true, true));
    }

    @Test
    void ustarArchiveMatchesExceptForWhatTheFormatCannotHold() throws IOException {
        Path archive = tar(simple, "ustar.tar", "--format=ustar");
        assertMatches(simpleFromDirectory, archive, new Tolerance(true, true));
    }

    @Test
    void v7ArchiveMatchesExceptForWhatTheFormatCannotHold() throws IOException {
        Path archive = work.resolve("v7.tar");
        // V7 has no device or fifo entries and no directories of its own type.
        Path small = Files.createDirectories(work.resolve("v7src/sub"));
        Files.writeString(small.resolve("file"), "v7\n");
        Shell.run("tar", "--format=v7", "--numeric-owner", "-C", work.resolve("v7src").toString(), "-cf",
                archive.toString(), ".");
        try (LoadedTree expected = Sources.open(work.resolve("v7src"), SourceOptions.spoolingTo(spool))) {
            assertMatches(expected, archive, new Tolerance(true, true));
        }
    }

    @Test
    void directoryTreeHasWhatTheFixtureMade() throws IOException {
        FileTree tree = fromDirectory.tree();
        assertArrayEquals(Shell.hex(RichTree.CAP_BINARY),
                TreeDiff.find(tree, "bin/sgid").metadata().xattrs().get("security.capability"));
        assertArrayEquals(new byte[0], TreeDiff.find(tree, "xattrs/empty").metadata().xattrs().get("user.empty"));
        assertEquals(04755, TreeDiff.find(tree, "bin/su").metadata().permissions());
        assertEquals(01777, TreeDiff.find(tree, "tmp").metadata().permissions());
        assertEquals(4_000_000_000L, TreeDiff.find(tree, "home/user").metadata().gid());
        DeviceNode big = (DeviceNode) TreeDiff.find(tree, "dev/big");
        assertEquals(4095, big.major());
        assertEquals(1048575, big.minor());
        assertSame(TreeDiff.find(tree, "links/hard-a"), TreeDiff.find(tree, "etc/hard-c"));
        assertSame(TreeDiff.find(tree, "links/hard-a"), TreeDiff.find(tree, "links/hard-b"));
        assertEquals("sym", new String(TreeDiff.find(tree, "links/sym").metadata().xattrs().get("trusted.t")));
        assertEquals("top", new String(tree.root().metadata().xattrs().get("user.root")));
        assertFalse(tree.root().metadata().mtime().nanos() == 0);
        assertInstanceOf(Directory.class, TreeDiff.find(tree, "names"));
        assertEquals(4 << 20, ((RegularFile) TreeDiff.find(tree, "sparse")).size());
    }

    @Test
    void paxTreeKeepsBinaryAndEmptyXattrsThatCommonsCompressWouldLose() throws IOException {
        LoadedTree[] keep = new LoadedTree[1];
        FileTree tree = read(paxTar("binary-xattrs.tar"), keep);
        try {
            assertArrayEquals(Shell.hex(RichTree.CAP_BINARY),
                    TreeDiff.find(tree, "bin/sgid").metadata().xattrs().get("security.capability"));
            assertArrayEquals(Shell.hex(RichTree.CAP_ASCII),
                    TreeDiff.find(tree, "bin/ping").metadata().xattrs().get("security.capability"));
            assertArrayEquals(Shell.hex("ff00fe0a80"), TreeDiff.find(tree, "xattrs/binary").metadata().xattrs().get("user.bin"));
            assertArrayEquals(new byte[] {0}, TreeDiff.find(tree, "xattrs/binary").metadata().xattrs().get("user.nul"));
            assertArrayEquals(new byte[0], TreeDiff.find(tree, "xattrs/empty").metadata().xattrs().get("user.empty"));
        } finally {
            keep[0].close();
        }
    }

    @Test
    void gnuTarExtractsWhatSlipwayRead() throws IOException {
        // Round trip through GNU tar itself: extracting the archive gives a directory Slipway reads the same.
        Path archive = paxTar("roundtrip.tar");
        Path extracted = Files.createDirectories(work.resolve("extracted"));
        Shell.sh("tar --xattrs --xattrs-include='*' --numeric-owner -xpf " + quote(archive) + " -C " + quote(extracted));
        try (LoadedTree again = Sources.open(extracted, SourceOptions.spoolingTo(spool))) {
            TreeDiff.assertSameTree(fromDirectory.tree(), again.tree(), Tolerance.EXACT);
        }
    }
}
