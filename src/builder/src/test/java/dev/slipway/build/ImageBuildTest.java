package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.source.RichTree;
import dev.slipway.source.UmociImage;
import dev.slipway.testing.Command;
import dev.slipway.testing.MountedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds from trees that exist already (a tarball, a directory): fast, and checked by the same peers. */
class ImageBuildTest {

    @TempDir
    Path temp;

    private Path rootfs;

    @BeforeEach
    void richRootfs() throws IOException {
        rootfs = Files.createDirectories(temp.resolve("rootfs"));
        RichTree.create(rootfs.resolve("usr"), false);
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/hostname"), "buildhost\n");
    }

    @Test
    void tarballProfileGivesAVerifiedImageOfItsUsr() throws IOException, Exception {
        Path tarball = temp.resolve("rootfs.tar");
        Command.run("tar", "--format=posix", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-cf",
                tarball.toString(), "-C", rootfs.toString(), ".").check();
        Path profile = writeProfile("tar.toml", "tar", "rootfs.tar");

        BuildResult result = ImageBuild.run(BuildRequest.of(profile, temp.resolve("out")), BuildListener.SILENT);

        BuildRecord record = result.record();
        String sha256sum = Command.run("sha256sum", tarball.toString()).check().out().split(" ")[0];
        assertEquals(sha256sum, record.source().digests().get("tar-sha256"));
        assertEquals("rootfs.tar", record.source().parameters().get("path"));
        assertEquals(java.util.List.of("etc/hostname"), record.normalized());
        String image = result.usrImage().toString();
        Command.run("veritysetup", "verify", image, image, record.usr().rootHash(),
                "--hash-offset=" + record.usr().hashOffset()).check();
        DirectoryDiff.applyBuildRules(rootfs, DirectoryDiff.newestMtime(rootfs));
        try (MountedImage mounted = MountedImage.erofs(result.usrImage(), temp.resolve("mnt"))) {
            DirectoryDiff.addWhatTheBuildAdds(rootfs.resolve("usr"), mounted.root(), temp.resolve("out/sbom.cdx.json"),
                    result.record().image().name(), result.record().image().version());
            DirectoryDiff.assertSame(rootfs.resolve("usr"), mounted.root());
        }
    }

    @Test
    void directoryAndItsTarballGiveTheSameUsrImage() throws Exception {
        Path tarball = temp.resolve("rootfs.tar");
        Command.run("tar", "--format=posix", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-cf",
                tarball.toString(), "-C", rootfs.toString(), ".").check();
        BuildResult fromTar = ImageBuild.run(BuildRequest.of(writeProfile("tar.toml", "tar", "rootfs.tar"),
                temp.resolve("out-tar")), BuildListener.SILENT);
        BuildResult fromDir = ImageBuild.run(BuildRequest.of(writeProfile("dir.toml", "dir", "rootfs"),
                temp.resolve("out-dir")), BuildListener.SILENT);
        assertEquals(-1, Files.mismatch(fromTar.usrImage(), fromDir.usrImage()));
        assertEquals(fromTar.record().usr(), fromDir.record().usr());
        assertTrue(fromDir.record().source().digests().containsKey("listing-sha256"));
    }

    @Test
    void ociProfileBuildsTheUsrUmociUnpacks() throws Exception {
        Path layout = UmociImage.create(temp.resolve("layout"), "v1", """
                mkdir -p usr/bin usr/share/doc etc
                echo hello > usr/bin/hello
                chmod 755 usr/bin/hello
                echo doc > usr/share/doc/readme
                """, """
                rm usr/bin/hello
                echo later > usr/share/later
                """);
        Path profile = writeProfile("oci.toml", "oci", "layout");
        Files.writeString(profile, Files.readString(profile).replace("path = \"layout\"\n",
                "path = \"layout\"\nreference = \"v1\"\n"));

        BuildResult result = ImageBuild.run(BuildRequest.of(profile, temp.resolve("out")), BuildListener.SILENT);

        String manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(layout.resolve("index.json").toFile())
                .get("manifests").get(0).get("digest").asText();
        assertEquals(manifest, result.record().source().digests().get("manifest"));
        assertEquals("v1", result.record().source().parameters().get("reference"));
        Path unpacked = UmociImage.unpack(layout, "v1", temp.resolve("umoci-rootfs"));
        DirectoryDiff.applyBuildRules(unpacked, DirectoryDiff.newestMtime(unpacked));
        try (MountedImage mounted = MountedImage.erofs(result.usrImage(), temp.resolve("mnt"))) {
            DirectoryDiff.addWhatTheBuildAdds(unpacked.resolve("usr"), mounted.root(), temp.resolve("out/sbom.cdx.json"),
                    result.record().image().name(), result.record().image().version());
            DirectoryDiff.assertSame(unpacked.resolve("usr"), mounted.root());
            assertFalse(Files.exists(mounted.root().resolve("bin/hello")), "the whiteout removed it");
        }
    }

    @Test
    void versionOverrideAndEpochOverrideAreRecorded() throws Exception {
        Path profile = writeProfile("dir.toml", "dir", "rootfs");
        BuildResult result = ImageBuild.run(new BuildRequest(profile, temp.resolve("out"), "2.0.1-ci.7",
                dev.slipway.tree.Timestamp.ofSeconds(1_700_000_000L), false, null, null, null), BuildListener.SILENT);
        assertEquals("2.0.1-ci.7", result.record().image().version());
        assertEquals(1_700_000_000L, result.record().epoch());
    }

    @Test
    void aTreeWithoutUsrIsRefusedAndLeavesNoOutput() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty/etc"));
        Files.writeString(empty.resolve("os-release"), "ID=none\n");
        Path profile = writeProfile("empty.toml", "dir", "empty");
        Path out = temp.resolve("out");
        BuildException e = assertThrows(BuildException.class,
                () -> ImageBuild.run(BuildRequest.of(profile, out), BuildListener.SILENT));
        assertTrue(e.getMessage().contains("no /usr"), e.getMessage());
        try (var left = Files.list(out)) {
            assertEquals(0, left.count(), "the output directory is left empty");
        }
    }

    @Test
    void aMissingSourcePathIsNamed() throws Exception {
        Path profile = writeProfile("gone.toml", "tar", "gone.tar");
        BuildException e = assertThrows(BuildException.class,
                () -> ImageBuild.run(BuildRequest.of(profile, temp.resolve("out")), BuildListener.SILENT));
        assertTrue(e.getMessage().contains("gone.tar") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aDirectoryThatIsAnOciLayoutMustSaySo() throws Exception {
        Files.writeString(rootfs.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Path profile = writeProfile("dir.toml", "dir", "rootfs");
        BuildException e = assertThrows(BuildException.class,
                () -> ImageBuild.run(BuildRequest.of(profile, temp.resolve("out")), BuildListener.SILENT));
        assertTrue(e.getMessage().contains("kind = \"oci\""), e.getMessage());
        assertFalse(Files.exists(temp.resolve("out/usr.img")));
    }

    @Test
    void aUsrLargerThanItsSlotFailsBeforeAnyOutputIsWritten() throws Exception {
        Files.write(rootfs.resolve("usr/big"), new byte[20 << 20]);
        Path profile = writeProfile("big.toml", "dir", "rootfs", SMALL_DISK);
        Path out = temp.resolve("out");
        BuildException e = assertThrows(BuildException.class,
                () -> ImageBuild.run(BuildRequest.of(profile, out), BuildListener.SILENT));
        assertTrue(e.getMessage().contains("/usr does not fit its slot") && e.getMessage().contains("disk.usr-mib"),
                e.getMessage());
        try (var left = Files.list(out)) {
            assertEquals(java.util.List.of(), left.toList(), "nothing written");
        }
    }

    @Test
    void partitionsThatDoNotFitTheDiskFailBeforeComposition() throws Exception {
        Path profile = writeProfile("tight.toml", "tar", "missing-but-never-read.tar",
                "[disk]\nusr-mib = 64\nsize-mib = 100\n");
        BuildException e = assertThrows(BuildException.class,
                () -> ImageBuild.run(BuildRequest.of(profile, temp.resolve("out")), BuildListener.SILENT));
        assertTrue(e.getMessage().contains("partitions do not fit") && e.getMessage().contains("disk.size-mib"),
                e.getMessage());
    }

    @Test
    void smallDisksFromATarballAreCheckedByTheirPeers() throws Exception {
        Path tarball = temp.resolve("rootfs.tar");
        Command.run("tar", "--format=posix", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-cf",
                tarball.toString(), "-C", rootfs.toString(), ".").check();
        Path profile = writeProfile("disk.toml", "tar", "rootfs.tar", SMALL_DISK);
        BuildResult result = ImageBuild.run(BuildRequest.of(profile, temp.resolve("out")), BuildListener.SILENT);
        Path raw = result.diskFiles().get(0);
        assertEquals(java.util.List.of("disk.raw", "disk.vhd", "disk.vhdx"),
                result.diskFiles().stream().map(p -> p.getFileName().toString()).toList());
        Command.run("sgdisk", "-v", raw.toString()).check();
        for (String[] image : new String[][] {{"vpc", "disk.vhd"}, {"vhdx", "disk.vhdx"}}) {
            Command.run("qemu-img", "compare", "-f", "raw", "-F", image[0], raw.toString(),
                    raw.resolveSibling(image[1]).toString()).check();
        }
        for (BuildRecord.DiskFile file : result.record().disk().files()) {
            String sha256sum = Command.run("sha256sum", raw.resolveSibling(file.file()).toString()).check().out()
                    .split(" ")[0];
            assertEquals(sha256sum, file.sha256(), file.file());
        }
    }

    /** A disk small enough to write and hash in a moment. */
    private static final String SMALL_DISK = """
            [disk]
            esp-mib = 33
            bios-boot-mib = 1
            usr-mib = 16
            oem-mib = 1
            oem-config-mib = 1
            root-mib = 16
            """;

    private Path writeProfile(String name, String kind, String path) throws IOException {
        return writeProfile(name, kind, path, "[disk]\nformats = []\n");
    }

    private Path writeProfile(String name, String kind, String path, String disk) throws IOException {
        Path profile = temp.resolve(name);
        Files.writeString(profile, """
                [image]
                name = "test-image"
                version = "1.0"

                [source]
                kind = "%s"
                path = "%s"
                """.formatted(kind, path) + disk);
        return profile;
    }
}
