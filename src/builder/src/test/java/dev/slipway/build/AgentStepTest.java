package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import dev.slipway.testing.MountedImage;
import dev.slipway.source.RichTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's agent step on a small directory source, with the real distribution update-agent packaged: the
 * image is the source plus exactly what jlink, cp and ln make of the distribution, and two builds agree to the
 * byte. And what it refuses, before any work: no distribution, an incomplete one, trust roots that are not PEM.
 */
class AgentStepTest {

    @TempDir
    Path temp;
    private Path rootfs;
    private Path trust;

    @BeforeEach
    void source() throws Exception {
        rootfs = Files.createDirectories(temp.resolve("rootfs"));
        RichTree.create(rootfs.resolve("usr"), false);
        Files.createDirectories(rootfs.resolve("usr/bin"));
        Files.createDirectories(rootfs.resolve("etc"));
        // Older than the profile's epoch, which the build would clamp them to (and the referee does not).
        Command.run("find", rootfs.toString(), "-newermt", "@1747699200", "-exec", "touch", "-h", "-d", "@1700000000",
                "{}", "+").check();
        trust = Files.copy(DefaultImage.REPO.resolve("keys/development/root.pem"), temp.resolve("roots.pem"));
    }

    @Test
    void theImageIsTheSourcePlusTheDistributionAndAJlinkRuntime() throws Exception {
        Path profile = profile("roots.pem");
        BuildResult first = ImageBuild.run(request(profile, "out", DefaultImage.AGENT), BuildListener.SILENT);
        BuildResult second = ImageBuild.run(request(profile, "again", DefaultImage.AGENT), BuildListener.SILENT);
        assertEquals(-1, Files.mismatch(first.usrImage(), second.usrImage()), "the agent step is reproducible");

        Path agentTree = DirectoryDiff.agentTree(DefaultImage.AGENT, trust, Files.createDirectories(temp.resolve("a")));
        DirectoryDiff.applyBuildRules(rootfs, "1747699200", List.of(agentTree));
        try (MountedImage mounted = MountedImage.erofs(first.usrImage(), temp.resolve("mnt"))) {
            DirectoryDiff.addWhatTheBuildAdds(rootfs.resolve("usr"), mounted.root(), temp.resolve("out/sbom.cdx.json"),
                    first.record().image().name(), first.record().image().version());
            DirectoryDiff.assertSame(rootfs.resolve("usr"), mounted.root());
        }
        assertEquals(Runtime.version().toString(), first.record().agent().runtime().version(),
                "the runtime is made from the JDK running the build");
        String listed = Command.run("sh", "-c", "grep -c '\"purl\" : \"pkg:maven/' \"$1\"", "sh",
                temp.resolve("out/sbom.cdx.json").toString()).check().out().strip();
        assertTrue(Integer.parseInt(listed) > 40, "the SBOM names the agent's jars: " + listed);
    }

    @Test
    void withoutADistributionTheBuildStopsBeforeAnyWork() throws Exception {
        BuildException e = assertThrows(BuildException.class,
                () -> ImageBuild.run(request(profile("roots.pem"), "out", null), BuildListener.SILENT));
        assertTrue(e.getMessage().contains("no agent distribution was found"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -B package -pl update-agent -am"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("out")), "nothing was started");
    }

    @Test
    void anIncompleteDistributionIsNamedWithWhatItLacks() throws Exception {
        Path partial = Files.createDirectories(temp.resolve("partial/app"));
        Files.writeString(partial.resolve("quarkus-run.jar"), "not really");
        BuildException e = assertThrows(BuildException.class,
                () -> ImageBuild.run(request(profile("roots.pem"), "out", partial.getParent()), BuildListener.SILENT));
        assertTrue(e.getMessage().contains("is not a slipway-agent distribution"), e.getMessage());
        assertTrue(e.getMessage().contains("jlink.options") && e.getMessage().contains("systemd/slipway-agent.service"),
                e.getMessage());
    }

    @Test
    void trustRootsThatAreNotPemAreRefused() throws Exception {
        Files.writeString(temp.resolve("roots.txt"), "not a certificate\n");
        BuildException e = assertThrows(BuildException.class,
                () -> ImageBuild.run(request(profile("roots.txt"), "out", DefaultImage.AGENT), BuildListener.SILENT));
        assertTrue(e.getMessage().startsWith("agent.trust: ") && e.getMessage().contains("not a PEM file"),
                e.getMessage());
    }

    private BuildRequest request(Path profile, String out, Path agent) {
        return BuildRequest.of(profile, temp.resolve(out)).withAgent(agent);
    }

    private Path profile(String trustFile) throws Exception {
        return Files.writeString(temp.resolve("agent.toml"), """
                [image]
                name = "agent-test"
                version = "1.0"
                epoch = 1747699200

                [source]
                kind = "dir"
                path = "rootfs"

                [disk]
                formats = []

                [agent]
                kind = "slipway-agent"
                trust = "%s"
                """.formatted(trustFile));
    }
}
