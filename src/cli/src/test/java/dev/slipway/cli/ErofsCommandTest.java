package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.source.LoadedTree;
import dev.slipway.source.RichTree;
import dev.slipway.source.Shell;
import dev.slipway.source.SourceOptions;
import dev.slipway.source.UmociImage;
import dev.slipway.source.Sources;
import dev.slipway.testing.Fsck;
import dev.slipway.testing.MountedImage;
import dev.slipway.testing.TreeComparison;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway erofs} end to end: a rich tree (every file type, xattrs, big ids, odd names) from a
 * directory and from GNU tar's PAX archive of it, checked by fsck.erofs and a kernel mount, and
 * built again under other time zones, umasks, locales, output directories and users.
 */
class ErofsCommandTest {

    @TempDir
    static Path shared;
    static Path tree;
    static Path paxTarball;

    @TempDir
    Path work;

    @BeforeAll
    static void fixtures() throws IOException {
        tree = RichTree.create(shared.resolve("tree"), false);
        paxTarball = shared.resolve("tree.tar");
        Shell.run("tar", "--format=pax", "--xattrs", "--xattrs-include=*", "--numeric-owner", "--sparse",
                "-C", tree.toString(), "-cf", paxTarball.toString(), ".");
    }

    @Test
    void anOciLayoutWithSeveralImagesIsReadByReference() throws IOException {
        Path layout = UmociImage.create(work.resolve("layout"), "small", "mkdir -p bin && echo one > bin/one");
        Shell.run("umoci", "new", "--image", layout + ":empty");
        Path image = work.resolve("oci.img");

        Cli.Run ambiguous = Cli.run("erofs", layout.toString(), image.toString(), "-q");
        assertEquals(ExitCode.INVALID_INPUT, ambiguous.exitCode());
        assertTrue(ambiguous.err().contains("small") && ambiguous.err().contains("empty"), ambiguous.err());

        Cli.Run run = Cli.run("erofs", layout.toString(), image.toString(), "--oci-ref", "small", "-q");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        Fsck.erofs(image);
        try (LoadedTree umoci = Sources.open(UmociImage.unpack(layout, "small", work.resolve("umoci")),
                SourceOptions.spoolingTo(work));
                MountedImage mounted = MountedImage.erofs(image, work.resolve("mnt-oci"))) {
            TreeComparison.assertMatches(umoci.tree(), mounted.root());
        }
    }

    @Test
    void directoryAndPaxTarballGiveTheSameImageAndTheKernelShowsTheTree() throws IOException {
        Path fromDirectory = build(tree, work.resolve("dir/usr.img"));
        Path fromTarball = build(paxTarball, work.resolve("tar/usr.img"));
        Path fromZstd = build(Shell.compress(paxTarball, "zstd", ".zst"), work.resolve("zst/usr.img"));

        assertEquals(-1, Files.mismatch(fromDirectory, fromTarball), "directory and PAX tarball images differ");
        assertEquals(-1, Files.mismatch(fromDirectory, fromZstd), "directory and zstd tarball images differ");
        Fsck.erofs(fromDirectory);
        try (LoadedTree expected = Sources.open(tree, SourceOptions.spoolingTo(work));
             MountedImage mounted = MountedImage.erofs(fromDirectory, work.resolve("mnt"))) {
            TreeComparison.assertMatches(expected.tree(), mounted.root());
        }
    }

    @Test
    void sameBytesWhateverTheTimeZoneUmaskLocaleAndOutputDirectory() throws IOException {
        Cli.Run first = Cli.fork("umask 022", Map.of("TZ", "UTC", "LC_ALL", "C.UTF-8"), null,
                List.of("erofs", tree.toString(), work.resolve("a/usr.img").toString(), "-q"));
        Cli.Run second = Cli.fork("umask 077", Map.of("TZ", "Asia/Kathmandu", "LC_ALL", "C.UTF-8",
                        "JAVA_TOOL_OPTIONS", "-Duser.language=tr -Duser.country=TR"), null,
                List.of("erofs", tree.toString(), work.resolve("b/deeper/other.img").toString(), "-q"));
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(-1, Files.mismatch(work.resolve("a/usr.img"), work.resolve("b/deeper/other.img")));
        Fsck.erofs(work.resolve("a/usr.img"));
    }

    @Test
    void mtimesNewerThanTheEpochAreClampedAndSourceDateEpochActsLikeTheOption() throws IOException {
        Path small = Files.createDirectories(work.resolve("small"));
        Files.writeString(small.resolve("old"), "old\n");
        Files.writeString(small.resolve("new"), "new\n");
        long epoch = 1_700_000_000L;
        Files.setLastModifiedTime(small.resolve("old"), FileTime.fromMillis((epoch - 3600) * 1000 + 123));
        Files.setLastModifiedTime(small.resolve("new"), FileTime.fromMillis((epoch + 3600) * 1000));
        Files.setLastModifiedTime(small, FileTime.fromMillis((epoch + 7200) * 1000));

        Path byOption = work.resolve("option.img");
        assertEquals(0, Cli.run("erofs", small.toString(), byOption.toString(), "--epoch", Long.toString(epoch), "-q")
                .exitCode());
        Cli.Run byEnvironment = Cli.fork("", Map.of("SOURCE_DATE_EPOCH", Long.toString(epoch), "LC_ALL", "C.UTF-8"),
                null, List.of("erofs", small.toString(), work.resolve("env.img").toString(), "-q"));
        assertEquals(0, byEnvironment.exitCode(), byEnvironment.err());
        assertEquals(-1, Files.mismatch(byOption, work.resolve("env.img")));

        Fsck.erofs(byOption);
        try (MountedImage mounted = MountedImage.erofs(byOption, work.resolve("mnt"))) {
            assertEquals(FileTime.fromMillis((epoch - 3600) * 1000 + 123),
                    Files.getLastModifiedTime(mounted.root().resolve("old")));
            assertEquals(FileTime.fromMillis(epoch * 1000), Files.getLastModifiedTime(mounted.root().resolve("new")));
            assertEquals(FileTime.fromMillis(epoch * 1000), Files.getLastModifiedTime(mounted.root()));
        }
    }

    @Test
    void anUnprivilegedUserBuildsTheSameImageFromTheTarball() throws IOException {
        Path rootBuilt = build(paxTarball, work.resolve("root/usr.img"));
        Path home = Files.createDirectories(work.resolve("nobody"));
        String classPath = Cli.worldReadableClassPath(Files.createDirectories(work.resolve("classes")));
        Path tarball = Files.copy(paxTarball, home.resolve("tree.tar"));
        Shell.run("chmod", "755", work.toString());
        Shell.run("chown", "-R", "65534:65534", home.toString());

        Cli.Run rootless = Cli.asNobody(Map.of("LC_ALL", "C.UTF-8", "HOME", home.toString()), classPath,
                List.of("erofs", tarball.toString(), home.resolve("out/usr.img").toString(), "-q"));
        assertEquals(0, rootless.exitCode(), rootless.err());
        assertEquals(-1, Files.mismatch(rootBuilt, home.resolve("out/usr.img")),
                "an unprivileged build differs from root's");
    }

    @Test
    void aFileTheUserCannotReadFailsTheBuildWithItsNameAndLeavesNoImage() throws IOException {
        Path source = Files.createDirectories(work.resolve("private"));
        Files.writeString(source.resolve("secret"), "x");
        Shell.run("chmod", "600", source.resolve("secret").toString());
        Path out = Files.createDirectories(work.resolve("out"));
        String classPath = Cli.worldReadableClassPath(Files.createDirectories(work.resolve("classes")));
        Shell.run("chmod", "755", work.toString(), source.toString());
        Shell.run("chown", "65534:65534", out.toString());

        Cli.Run run = Cli.asNobody(Map.of("LC_ALL", "C.UTF-8"), classPath,
                List.of("erofs", source.toString(), out.resolve("usr.img").toString(), "-q"));
        assertEquals(ExitCode.IO_ERROR, run.exitCode(), run.err());
        assertTrue(run.err().contains("secret"), run.err());
        assertTrue(run.err().contains("ermission denied"), run.err());
        assertEquals(List.of(), list(out));
    }

    @Test
    void aHostileTarballIsRefusedByNameAndNothingIsWritten() throws IOException {
        Path tarball = work.resolve("hostile.tar");
        try (OutputStream file = Files.newOutputStream(tarball);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            byte[] data = "gotcha\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("usr/../../escaped", true);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        Path out = Files.createDirectories(work.resolve("out/inner"));
        Cli.Run run = Cli.run("erofs", tarball.toString(), out.resolve("usr.img").toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().contains("'usr/../../escaped'"), run.err());
        assertTrue(run.err().contains("'..'"), run.err());
        assertEquals(List.of(), list(out));
        assertFalse(Files.exists(work.resolve("escaped")));
        assertFalse(Files.exists(work.resolve("out/escaped")));
    }

    @Test
    void jsonOutputDescribesTheImage() throws IOException {
        Path image = work.resolve("usr.img");
        Cli.Run run = Cli.run("erofs", tree.toString(), image.toString(), "--json", "--quiet",
                "--uuid", "01234567-89ab-cdef-0123-456789abcdef");
        assertEquals(0, run.exitCode(), run.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertEquals("01234567-89ab-cdef-0123-456789abcdef", json.get("uuid").asText());
        assertEquals(Files.size(image), json.get("bytes").asLong());
        assertEquals(image.toAbsolutePath().toString(), json.get("image").asText());
        Fsck.erofs(image);
        assertEquals("", run.err());
    }

    @Test
    void aMissingSourceIsAnIoErrorThatNamesIt() {
        Cli.Run run = Cli.run("erofs", work.resolve("nowhere").toString(), work.resolve("x.img").toString());
        assertEquals(ExitCode.IO_ERROR, run.exitCode());
        assertTrue(run.err().contains("nowhere"), run.err());
    }

    private static Path build(Path source, Path image) throws IOException {
        Cli.Run run = Cli.run("erofs", source.toString(), image.toString(), "-q");
        assertEquals(0, run.exitCode(), run.err());
        Fsck.erofs(image);
        return image;
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
