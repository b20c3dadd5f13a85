package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.source.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `slipway build` and `slipway profile resolve` as a user runs them: exit codes, messages, JSON. */
class BuildCommandTest {

    @TempDir
    Path work;

    private Path tarProfile;

    @BeforeEach
    void tarballProfile() throws IOException {
        tarProfile = SmallTarImage.create(work, "tar", "1");
    }

    @Test
    void jsonCarriesTheRecordAndVeritysetupAcceptsIt() throws IOException {
        Cli.Run run = Cli.run("build", tarProfile.toString(), "-o", work.resolve("out").toString(), "--json", "-q");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        String image = json.get("usrImage").asText();
        JsonNode usr = json.get("record").get("usr");
        Shell.run("veritysetup", "verify", image, image, usr.get("root-hash").asText(),
                "--hash-offset=" + usr.get("hash-offset").asLong());
        assertTrue(json.get("stepMillis").has("compose"), run.out());
    }

    @Test
    void anUnprivilegedUserBuildsTheSameBytesAsRoot() throws IOException {
        assertEquals(ExitCode.OK, Cli.run("build", tarProfile.toString(), "-o", work.resolve("root").toString(), "-q")
                .exitCode());
        Path home = Files.createDirectories(work.resolve("nobody"));
        String classPath = Cli.worldReadableClassPath(Files.createDirectories(work.resolve("classes")));
        Shell.run("chmod", "755", work.toString());
        Shell.run("chmod", "644", work.resolve("rootfs.tar").toString(), tarProfile.toString());
        Shell.run("chown", "-R", "65534:65534", home.toString());

        Cli.Run rootless = Cli.asNobody(Map.of("LC_ALL", "C.UTF-8", "HOME", home.toString()), classPath,
                List.of("build", tarProfile.toString(), "-o", home.resolve("out").toString(), "-q"));
        assertEquals(ExitCode.OK, rootless.exitCode(), rootless.err());
        for (String file : List.of("usr.img", "build.json", "disk.raw", "disk.vhd", "disk.vhdx")) {
            assertEquals(-1, Files.mismatch(work.resolve("root").resolve(file), home.resolve("out").resolve(file)), file);
        }
    }

    @Test
    void anUnwritableOutputDirectoryFailsClearlyAndWritesNothing() throws IOException {
        Path locked = Files.createDirectories(work.resolve("locked"));
        String classPath = Cli.worldReadableClassPath(Files.createDirectories(work.resolve("classes")));
        Shell.run("chmod", "755", work.toString(), locked.toString());
        Shell.run("chmod", "644", work.resolve("rootfs.tar").toString(), tarProfile.toString());
        Cli.Run run = Cli.asNobody(Map.of("LC_ALL", "C.UTF-8"), classPath,
                List.of("build", tarProfile.toString(), "-o", locked.resolve("out").toString(), "-q"));
        assertEquals(ExitCode.IO_ERROR, run.exitCode(), run.err());
        assertTrue(run.err().contains("permission denied") && run.err().contains(locked.toString()), run.err());
        try (var left = Files.list(locked)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /** Killed while converting, the build leaves only its work directory: no file under a final name. */
    @Test
    void anInterruptedBuildLeavesNoFileUnderAFinalName() throws Exception {
        Path profile = profile("big.toml", Files.readString(tarProfile).replace("usr-mib = 24", "usr-mib = 4096"));
        Path out = work.resolve("interrupted");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process build = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.slipway.cli.Slipway",
                "build", profile.toString(), "-o", out.toString()).redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(build.getInputStream()))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains("] convert")) {
                    build.destroyForcibly().waitFor();
                    break;
                }
            }
        }
        try (var left = Files.list(out)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            for (String finalName : List.of("usr.img", "build.json", "disk.raw", "disk.vhd", "disk.vhdx")) {
                assertFalse(names.contains(finalName), finalName + " exists after the build was killed: " + names);
            }
        }
    }

    /**
     * mmdebstrap as root uses a chroot, as another user a user namespace: both must give the same
     * image. The user gets subordinate id ranges, which unshare mode needs.
     */
    @Test
    void aRootlessDebianBuildGivesTheSameBytesAsRoot() throws IOException {
        String user = RootlessUser.ensure();
        Path profile = profile("small.toml", """
                [image]
                name = "small"
                version = "1"
                epoch = 1747699200
                [source]
                kind = "debian"
                suite = "bookworm"
                variant = "essential"
                """);
        Cli.Run asRoot = Cli.run("build", profile.toString(), "-o", work.resolve("root").toString(), "-q");
        assertEquals(ExitCode.OK, asRoot.exitCode(), asRoot.err());

        Path home = Files.createDirectories(work.resolve("home"));
        String classPath = Cli.worldReadableClassPath(Files.createDirectories(work.resolve("classes")));
        Shell.run("chmod", "755", work.toString());
        Shell.run("chmod", "644", profile.toString());
        Shell.run("chown", "-R", user + ":", home.toString());
        Cli.Run rootless = Cli.asUser(user, Map.of("LC_ALL", "C.UTF-8", "HOME", home.toString(), "USER", user,
                "LOGNAME", user), classPath, List.of("build", profile.toString(), "-o", home.resolve("out").toString(), "-q"));
        assertEquals(ExitCode.OK, rootless.exitCode(), rootless.err());
        assertEquals(-1, Files.mismatch(work.resolve("root/usr.img"), home.resolve("out/usr.img")));
        assertEquals(Files.readString(work.resolve("root/build.json")), Files.readString(home.resolve("out/build.json")));
    }

    @Test
    void aMissingHostToolStopsTheBuildNamingItsPackage() throws IOException {
        Path profile = profile("debian.toml", """
                [image]
                name = "needs-mmdebstrap"
                version = "1"
                epoch = 1700000000
                [source]
                kind = "debian"
                suite = "bookworm"
                """);
        Cli.Run run = Cli.fork("", Map.of("PATH", work.resolve("empty-path").toString(), "LC_ALL", "C.UTF-8"), null,
                List.of("build", profile.toString(), "-o", work.resolve("out").toString(), "-q"));
        assertEquals(ExitCode.MISSING_TOOL, run.exitCode(), run.err());
        assertTrue(run.err().contains("apt-get install mmdebstrap"), run.err());
        assertFalse(Files.exists(work.resolve("out/usr.img")));
    }

    @Test
    void aMalformedProfileNamesFileLineAndKey() throws IOException {
        Path profile = profile("typo.toml", """
                [image]
                name = "typo"
                version = "1"

                [source]
                kind = "tar"
                pth = "rootfs.tar"
                """);
        Cli.Run run = Cli.run("build", profile.toString(), "-o", work.resolve("out").toString(), "-q");
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("typo.toml:7:") && run.err().contains("'source.pth'")
                && run.err().contains("did you mean 'path'"), run.err());

        Cli.Run resolve = Cli.run("profile", "resolve", profile.toString());
        assertEquals(ExitCode.INVALID_INPUT, resolve.exitCode());
        assertTrue(resolve.err().contains("typo.toml:7:"), resolve.err());
    }

    @Test
    void anUnknownDiskFormatIsRefusedBeforeAnyWork() throws IOException {
        Path profile = profile("qcow.toml", Files.readString(tarProfile) + "formats = [\"raw\", \"qcow2\"]\n");
        Cli.Run run = Cli.run("build", profile.toString(), "-o", work.resolve("out").toString(), "-q");
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("qcow.toml:14:") && run.err().contains("disk.formats")
                && run.err().contains("raw, vhd, vhdx"), run.err());
        assertFalse(Files.exists(work.resolve("out")));
    }

    @Test
    void resolveWritesAndChecksTheResolvedFormBesideTheProfile() throws IOException {
        Cli.Run missing = Cli.run("profile", "resolve", "--check", tarProfile.toString());
        assertEquals(ExitCode.CHECK_FAILED, missing.exitCode());
        assertTrue(missing.err().contains("tar.resolved.toml is missing"), missing.err());

        assertEquals(ExitCode.OK, Cli.run("profile", "resolve", "--write", tarProfile.toString()).exitCode());
        Path resolved = work.resolve("tar.resolved.toml");
        assertEquals(Cli.run("profile", "resolve", tarProfile.toString()).out(), Files.readString(resolved));
        assertEquals(ExitCode.OK, Cli.run("profile", "resolve", "--check", tarProfile.toString()).exitCode());

        Files.writeString(tarProfile, Files.readString(tarProfile).replace("version = \"1\"", "version = \"2\""));
        Cli.Run stale = Cli.run("profile", "resolve", "--check", tarProfile.toString());
        assertEquals(ExitCode.CHECK_FAILED, stale.exitCode());
        assertTrue(stale.err().contains("is stale"), stale.err());
    }

    private Path profile(String name, String text) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
