package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.FileTree;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {

    @TempDir
    Path temp;

    Path source;
    Path spool;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        source = Files.createDirectories(temp.resolve("src"));
        spool = Files.createDirectories(temp.resolve("spool"));
    }

    private SourceOptions options() {
        return SourceOptions.spoolingTo(spool).withWarnings(warnings::add);
    }

    @Test
    void socketsAreSkippedWithAWarning() throws IOException {
        Files.writeString(source.resolve("kept"), "x");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(source.resolve("control.sock")));
            try (LoadedTree loaded = Sources.open(source, options())) {
                assertNull(TreeDiff.find(loaded.tree(), "control.sock"));
                assertTrue(TreeDiff.find(loaded.tree(), "kept") != null);
                assertEquals(1, warnings.size(), warnings::toString);
                assertTrue(warnings.get(0).contains("socket 'control.sock'"), warnings.get(0));
                assertTrue(loaded.spoolFile().isEmpty());
                assertEquals("directory", loaded.description());
            }
        }
    }

    @Test
    void aSymlinkedRootIsFollowedButNothingBelowIt() throws IOException {
        Files.createSymbolicLink(source.resolve("inner-link"), Path.of("/etc"));
        Shell.run("setfattr", "-n", "user.root", "-v", "real", source.toString());
        Path link = Files.createSymbolicLink(temp.resolve("link"), source);
        try (LoadedTree loaded = Sources.open(link, options())) {
            FileTree tree = loaded.tree();
            assertEquals("real", new String(tree.root().metadata().xattrs().get("user.root")));
            Symlink inner = assertInstanceOf(Symlink.class, TreeDiff.find(tree, "inner-link"));
            assertEquals("/etc", inner.target());
        }
    }

    @Test
    void xattrsOfASymlinkAreItsOwnNotItsTargets() throws IOException {
        Files.writeString(source.resolve("target"), "t");
        Shell.run("setfattr", "-n", "user.on-target", "-v", "1", source.resolve("target").toString());
        Files.createSymbolicLink(source.resolve("link"), Path.of("target"));
        Shell.run("setfattr", "-h", "-n", "trusted.on-link", "-v", "2", source.resolve("link").toString());
        try (LoadedTree loaded = Sources.open(source, options())) {
            var xattrs = TreeDiff.find(loaded.tree(), "link").metadata().xattrs();
            assertEquals(List.of("trusted.on-link"), List.copyOf(xattrs.names()));
        }
    }

    @Test
    void mtimesNewerThanTheClampAreClamped() throws IOException {
        Files.writeString(source.resolve("new"), "n");
        Files.writeString(source.resolve("old"), "o");
        Shell.run("touch", "-d", "@1000.25", source.resolve("old").toString());
        Timestamp clamp = Timestamp.ofSeconds(1_500_000_000L);
        try (LoadedTree loaded = Sources.open(source, options().withClampTo(clamp))) {
            FileTree tree = loaded.tree();
            assertEquals(clamp, TreeDiff.find(tree, "new").metadata().mtime());
            assertEquals(clamp, tree.root().metadata().mtime());
            assertEquals(new Timestamp(1000, 250_000_000), TreeDiff.find(tree, "old").metadata().mtime());
        }
    }

    @Test
    void namesThatAreNotUtf8AreRefused() throws IOException {
        Shell.run(source, "sh", "-c", "touch \"$(printf 'bad\\377name')\"");
        InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> Sources.open(source, options()));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    /* Directories are scanned on several threads; which error is reported must not depend on that. */
    @Test
    void theSameErrorIsReportedEveryTime() throws IOException {
        for (int i = 0; i < 30; i++) {
            Path dir = Files.createDirectories(source.resolve("d" + i + "/sub"));
            Shell.run(dir, "sh", "-c", "touch \"$(printf 'bad\\377name')\"");
        }
        String first = assertThrows(InvalidEntryException.class, () -> Sources.open(source, options())).getMessage();
        for (int run = 0; run < 5; run++) {
            assertEquals(first, assertThrows(InvalidEntryException.class, () -> Sources.open(source, options()))
                    .getMessage());
        }
    }

    @Test
    void hardLinksAcrossDirectoriesShareOneNodeAndWarningsKeepTheirOrder() throws IOException {
        Path original = Files.writeString(source.resolve("original"), "shared");
        List<ServerSocketChannel> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                Path dir = Files.createDirectories(source.resolve("d" + i));
                Files.createLink(dir.resolve("link"), original);
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                sockets.add(server);
                server.bind(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
            }
            List<String> firstWarnings = null;
            for (int run = 0; run < 3; run++) {
                warnings.clear();
                try (LoadedTree loaded = Sources.open(source, options())) {
                    var node = TreeDiff.find(loaded.tree(), "original");
                    for (int i = 0; i < 30; i++) {
                        assertTrue(node == TreeDiff.find(loaded.tree(), "d" + i + "/link"), "d" + i);
                    }
                }
                assertEquals(30, warnings.size(), warnings::toString);
                if (firstWarnings == null) {
                    firstWarnings = List.copyOf(warnings);
                }
                assertEquals(firstWarnings, warnings);
            }
        } finally {
            for (ServerSocketChannel server : sockets) {
                server.close();
            }
        }
    }

    @Test
    void devicesAndSocketsAreNotSources() {
        IOException e = assertThrows(IOException.class, () -> Sources.open(Path.of("/dev/null"), options()));
        assertTrue(e.getMessage().contains("neither a directory nor a tarball"), e.getMessage());
        assertFalse(e instanceof CorruptArchiveException);
    }
}
