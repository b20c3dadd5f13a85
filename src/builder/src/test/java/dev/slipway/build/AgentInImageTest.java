package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testing.Command;
import dev.slipway.testing.MountedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default image carries slipway-agent (docs/updates.md, "On the node"): its runtime runs, from the kernel's
 * mount of usr.img; the shipped configuration refuses development keys; and build.json, the SBOM and the
 * manifest say what the image holds, checked against the files with sha256sum and the runtime's own answers.
 * (That the tree is exactly the distribution plus a jlink runtime is DefaultImageTest's full comparison.)
 */
class AgentInImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void theImagesRuntimeRunsTheAgentAndHasExactlyTheRecordedModules() throws Exception {
        BuildRecord.Agent agent = DefaultImage.get().first().record().agent();
        try (MountedImage usr = MountedImage.erofs(DefaultImage.get().first().usrImage(), temp.resolve("mnt"))) {
            Path home = usr.root().resolve("lib/slipway-agent");
            String java = home.resolve("runtime/bin/java").toString();
            List<String> modules = Command.run(java, "--list-modules").check().out().lines()
                    .map(line -> line.replaceFirst("@.*$", "")).sorted().toList();
            assertEquals(agent.runtime().modules(), modules, "java --list-modules of the image's runtime");
            String version = Command.run(java, "@" + home.resolve("jvm.options"), "-jar",
                    home.resolve("app/quarkus-run.jar").toString(), "--version").check().out().strip();
            assertEquals("slipway-agent " + agent.version(), version);
            String release = Files.readString(home.resolve("runtime/release"));
            assertTrue(release.contains("JAVA_VERSION=\"" + Runtime.version().feature()), release);

            String config = Files.readString(usr.root().resolve("share/factory/etc/slipway/agent.toml"));
            assertTrue(config.contains("\nallow-development-keys = false\n"), "the shipped agent refuses development keys");
            assertEquals(-1, Files.mismatch(DefaultImage.REPO.resolve("keys/development/root.pem"),
                    usr.root().resolve("share/factory/etc/slipway/trust.pem")), "agent.trust of aks-node.toml");
            for (String link : List.of("multi-user.target.wants/slipway-agent.service",
                    "boot-complete.target.requires/slipway-agent-health.service")) {
                assertTrue(Files.isSymbolicLink(usr.root().resolve("lib/systemd/system/" + link)), link + " enabled");
            }
        }
    }

    @Test
    void buildJsonTheSbomAndTheManifestNameEveryJarWithItsDigest() throws Exception {
        Path out = DefaultImage.get().firstDirectory();
        BuildRecord.Agent agent = DefaultImage.get().first().record().agent();
        Path app = DefaultImage.AGENT.resolve("app");
        List<String> jars = new ArrayList<>();
        for (String line : Command.run("sh", "-c", "cd \"$1\" && find . -name '*.jar' | sort | xargs sha256sum", "sh",
                app.toString()).check().out().lines().toList()) {
            String[] fields = line.split("\\s+");
            jars.add(fields[1].substring(2) + " " + fields[0]);
        }
        assertEquals(jars, agent.libraries().stream().map(l -> l.file() + " " + l.sha256()).toList(),
                "build.json lists every jar of the distribution with sha256sum's digest");
        assertTrue(agent.libraries().stream().filter(l -> l.purl() != null).count() >= agent.libraries().size() - 3,
                "all but Quarkus' generated jars have Maven coordinates");

        JsonNode sbom = JSON.readTree(out.resolve("sbom.cdx.json").toFile());
        JsonNode application = component(sbom, "slipway-agent");
        assertEquals("pkg:maven/dev.slipway/slipway-agent@" + agent.version(), application.get("purl").asText());
        assertEquals(agent.libraries().size(), application.get("components").size());
        JsonNode runtime = component(sbom, "java-runtime");
        assertEquals("platform", runtime.get("type").asText());
        assertEquals(agent.runtime().version(), runtime.get("version").asText());

        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        JsonNode source = null;
        for (JsonNode s : manifest.get("sources")) {
            if (s.get("kind").asText().equals("slipway-agent")) {
                source = s.get("digests");
            }
        }
        assertEquals(agent.appSha256(), source.get("app-sha256").asText());
        assertEquals(agent.runtime().treeSha256(), source.get("runtime-sha256").asText());
    }

    private static JsonNode component(JsonNode sbom, String name) throws IOException {
        for (JsonNode component : sbom.get("components")) {
            if (component.get("name").asText().equals(name)) {
                return component;
            }
        }
        throw new AssertionError("the SBOM has no component " + name);
    }
}
