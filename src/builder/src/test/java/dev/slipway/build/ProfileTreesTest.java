package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.tree.TreeEdits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's file trees land in the image with canonical owners, modes and times, or are refused clearly. */
class ProfileTreesTest {

    private static final Timestamp TIME = Timestamp.ofSeconds(1_747_699_200L);

    @TempDir
    Path temp;

    private static FileTree image() throws Exception {
        TreeBuilder builder = new TreeBuilder(TIME);
        builder.add("usr/lib/os-release", new RegularFile(Metadata.of(0644, 0, 0, TIME), Content.ofBytes(new byte[1])));
        builder.add("etc/chrony/chrony.conf", new RegularFile(Metadata.of(0644, 0, 0, TIME),
                Content.ofBytes("pool x\n".getBytes(StandardCharsets.UTF_8))));
        builder.add("lib", new Symlink(Metadata.of(0777, 0, 0, TIME), "usr/lib"));
        return builder.build();
    }

    private static Node at(FileTree tree, String path) {
        return TreeEdits.lookup(tree, path).orElseThrow(() -> new AssertionError(path + " is missing"));
    }

    @Test
    void filesGetRootsOwnershipCanonicalModesAndTheBuildTimeAndLaterTreesWin() throws Exception {
        Path first = Files.createDirectories(temp.resolve("first/etc/chrony"));
        Files.writeString(first.resolve("chrony.conf"), "first\n");
        Path script = Files.createDirectories(temp.resolve("first/usr/lib/slipway")).resolve("check");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrw-rw-"));
        Files.createSymbolicLink(temp.resolve("first/usr/lib/slipway/link"), Path.of("check"));
        Path second = Files.createDirectories(temp.resolve("second/etc/chrony"));
        Files.writeString(second.resolve("chrony.conf"), "second\n");
        Files.setPosixFilePermissions(second.resolve("chrony.conf"), PosixFilePermissions.fromString("rw-rw-rw-"));
        // A checkout made by another user with another umask: only the execute bit may matter.
        Command.run("chown", "-R", "65534:65534", temp.toString()).check();

        ProfileTrees.Applied applied = ProfileTrees.layOver(image(), List.of(temp.resolve("first"), temp.resolve("second")),
                TIME, Files.createDirectories(temp.resolve("spool")));

        RegularFile conf = assertInstanceOf(RegularFile.class, at(applied.tree(), "etc/chrony/chrony.conf"));
        assertArrayEquals("second\n".getBytes(StandardCharsets.UTF_8), conf.readAllBytes(), "the later tree wins");
        assertEquals(Metadata.of(0644, 0, 0, TIME), conf.metadata());
        assertEquals(Metadata.of(0755, 0, 0, TIME), at(applied.tree(), "usr/lib/slipway/check").metadata());
        assertEquals(Metadata.of(0755, 0, 0, TIME), at(applied.tree(), "usr/lib/slipway").metadata());
        assertEquals("check", assertInstanceOf(Symlink.class, at(applied.tree(), "usr/lib/slipway/link")).target());
        assertTrue(TreeEdits.lookup(applied.tree(), "usr/lib/os-release").isPresent(), "the image's files stay");
        assertEquals(2, applied.layers().size());
        assertNotEquals(applied.layers().get(0).digest(), applied.layers().get(1).digest());
    }

    @Test
    void aDirectoryWhereTheImageHasALinkIsRefusedNamingThePath() throws Exception {
        Files.createDirectories(temp.resolve("tree/lib/systemd"));
        Files.writeString(temp.resolve("tree/lib/systemd/x.service"), "[Unit]\n");
        BuildException refused = assertThrows(BuildException.class, () -> ProfileTrees.layOver(image(),
                List.of(temp.resolve("tree")), TIME, Files.createDirectories(temp.resolve("spool"))));
        assertTrue(refused.getMessage().contains("lib is a directory in the tree but a SYMLINK in the image"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("use usr/lib"), refused.getMessage());
    }

    @Test
    void devicesAndMissingTreesAreRefused() throws Exception {
        Files.createDirectories(temp.resolve("tree"));
        Command.run("mknod", temp.resolve("tree/null").toString(), "c", "1", "3").check();
        BuildException device = assertThrows(BuildException.class, () -> ProfileTrees.layOver(image(),
                List.of(temp.resolve("tree")), TIME, Files.createDirectories(temp.resolve("spool"))));
        assertTrue(device.getMessage().contains("null (CHAR_DEVICE)"), device.getMessage());
        BuildException missing = assertThrows(BuildException.class, () -> ProfileTrees.layOver(image(),
                List.of(temp.resolve("absent")), TIME, temp));
        assertTrue(missing.getMessage().contains("absent is not a directory"), missing.getMessage());
    }
}
