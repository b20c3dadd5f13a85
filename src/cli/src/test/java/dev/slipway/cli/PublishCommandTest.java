package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.source.Shell;
import dev.slipway.trust.pki.DevelopmentKeys;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.TrustMaterialException;
import dev.slipway.trust.testing.HostTools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `slipway publish`, `slipway channel refresh` and `slipway channel show` on a small signed build:
 * what they write (checked with openssl), what they print, and their refusals and exit codes.
 */
class PublishCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path shared;
    private static Path out;

    @TempDir
    Path temp;

    @BeforeAll
    static void build() throws IOException {
        Path profile = SmallTarImage.create(shared, "pub", "1.0");
        out = shared.resolve("out");
        Cli.Run build = Cli.run("build", profile.toString(), "-o", out.toString(), "-q");
        assertEquals(ExitCode.OK, build.exitCode(), build.err());
    }

    @Test
    void publishRefreshAndShowADevelopmentChannel() throws IOException {
        Path repo = temp.resolve("repo");
        Cli.Run publish = Cli.run("publish", out.toString(), "--repo", repo.toString(), "--channel", "stable",
                "--development-keys", "--expires-in", "2d", "--wave", "+1h=10", "--wave", "+1d=100%", "--json", "-q");

        assertEquals(ExitCode.OK, publish.exitCode(), publish.err());
        assertTrue(publish.err().contains("WARNING: signing the channel with Slipway's DEVELOPMENT key"), publish.err());
        JsonNode json = MAPPER.readTree(publish.out());
        assertEquals("images/pub/1.0", json.get("versionDirectory").asText());
        assertTrue(json.get("versionDirectoryCreated").asBoolean());
        assertTrue(json.get("developmentBuild").asBoolean());
        JsonNode channel = json.get("channel");
        assertEquals(1, channel.get("version").asLong());
        assertEquals(0, channel.get("allowedPercentNow").asInt(), "the first wave starts in an hour");
        assertEquals(10, channel.get("waves").get(0).get("percent").asInt());
        Duration validity = Duration.between(Instant.parse(channel.get("issued").asText()),
                Instant.parse(channel.get("expires").asText()));
        assertEquals(Duration.ofDays(2), validity);
        assertTrue(Files.isRegularFile(repo.resolve("images/pub/1.0/usr.frames")));
        assertOpensslAccepts(repo.resolve("channels/stable.json"), developmentRoot());

        Cli.Run again = Cli.run("publish", out.toString(), "--repo", repo.toString(), "--channel", "stable",
                "--development-keys", "-q");
        assertEquals(ExitCode.OK, again.exitCode(), again.err());
        assertTrue(again.out().startsWith("already published pub 1.0 to channel stable"), again.out());
        assertTrue(again.out().contains("unchanged (already published, identical to the byte)"), again.out());

        Cli.Run refresh = Cli.run("channel", "refresh", "--repo", repo.toString(), "--channel", "stable",
                "--development-keys", "--expires-in", "1d12h", "-q");
        assertEquals(ExitCode.OK, refresh.exitCode(), refresh.err());
        assertTrue(refresh.out().contains("channel stable: metadata version 2"), refresh.out());
        assertTrue(refresh.out().matches("(?s).*expires \\S+ \\(in 1d1[12]h.*"), refresh.out());
        assertTrue(refresh.out().contains("waves: 10% from "), "waves kept: " + refresh.out());

        Cli.Run show = Cli.run("channel", "show", "--repo", repo.toString(), "--channel", "stable",
                "--allow-development-keys");
        assertEquals(ExitCode.OK, show.exitCode(), show.out() + show.err());
        assertTrue(show.out().contains("signature: good, fresh"), show.out());
        assertTrue(show.out().contains("release pub 1.0 ("), show.out());
        Cli.Run unchecked = Cli.run("channel", "show", "--repo", repo.toString(), "--channel", "stable");
        assertTrue(unchecked.out().contains("signature: not checked"), unchecked.out());
        Cli.Run production = Cli.run("channel", "show", "--repo", repo.toString(), "--channel", "stable", "--trust",
                developmentRoot().toString(), "--json");
        assertEquals(ExitCode.CHECK_FAILED, production.exitCode(), production.out());
        assertEquals("DEVELOPMENT_KEY_REFUSED", MAPPER.readTree(production.out()).get("refusal").asText());
    }

    @Test
    void aTeamsOwnChannelKeyWithADevelopmentBuild() throws IOException {
        Path ca = temp.resolve("ca");
        assertEquals(ExitCode.OK, Cli.run("keys", "init", ca.toString(), "--organization", "Example Fleet", "-q")
                .exitCode());
        Path repo = temp.resolve("repo");
        String[] publish = {"publish", out.toString(), "--repo", repo.toString(), "--channel", "prod", "--channel-key",
                ca.resolve("channel-signing.key.pem").toString(), "--trust", ca.resolve("root.pem").toString(),
                "--crl", ca.resolve("root.crl.pem").toString(), "-q"};

        Cli.Run refused = Cli.run(publish);
        assertEquals(ExitCode.CHECK_FAILED, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("the build's manifest signature was refused (UNTRUSTED_CHAIN)"), refused.err());
        assertFalse(Files.exists(repo.resolve("images")));

        Cli.Run allowed = Cli.run(concat(publish, "--allow-development-keys"));
        assertEquals(ExitCode.OK, allowed.exitCode(), allowed.err());
        assertTrue(allowed.err().contains("the build is signed with Slipway's DEVELOPMENT image key"), allowed.err());
        assertTrue(allowed.out().contains("trust/crl.pem: written"), allowed.out());
        assertOpensslAccepts(repo.resolve("channels/prod.json"), ca.resolve("root.pem"));
    }

    @Test
    void refusalsAndTheirExitCodes() throws IOException {
        Path repo = temp.resolve("repo");
        String[] base = {"publish", out.toString(), "--repo", repo.toString(), "--channel", "stable"};
        assertRefused(Cli.run(base), ExitCode.INVALID_INPUT, "name the channel-signing key");
        assertRefused(Cli.run(concat(base, "--channel-key", "k.pem", "--development-keys")), ExitCode.INVALID_INPUT,
                "give either --channel-key or --development-keys, not both");
        assertRefused(Cli.run(concat(base, "--development-keys", "--wave", "+2h=50", "--wave", "+1h=100")),
                ExitCode.INVALID_INPUT, "give the waves in time order");
        assertRefused(Cli.run(concat(base, "--development-keys", "--wave", "+1h=150")), ExitCode.INVALID_INPUT,
                "the percent must be a whole number from 0 to 100");
        assertRefused(Cli.run(concat(base, "--development-keys", "--expires-in", "soon")), ExitCode.INVALID_INPUT,
                "--expires-in soon is not a duration");
        assertRefused(Cli.run("publish", out.toString(), "--repo", repo.toString(), "--channel", "../x",
                "--development-keys"), ExitCode.INVALID_INPUT, "--channel: channel name \"../x\"");
        assertRefused(Cli.run("channel", "refresh", "--repo", repo.toString(), "--channel", "stable",
                "--development-keys"), ExitCode.INVALID_INPUT, "publish a build into it first");
        assertFalse(Files.exists(repo), "nothing was written by any refusal");

        Path damaged = temp.resolve("damaged");
        Shell.run("cp", "-a", "--sparse=always", out.toString(), damaged.toString());
        try (RandomAccessFile usr = new RandomAccessFile(damaged.resolve("usr.img").toFile(), "rw")) {
            usr.seek(8192);
            int b = usr.read();
            usr.seek(8192);
            usr.write(b ^ 1);
        }
        assertRefused(Cli.run("publish", damaged.toString(), "--repo", repo.toString(), "--channel", "stable",
                "--development-keys", "-q"), ExitCode.CHECK_FAILED, "usr.img has SHA-256 ");
        assertFalse(Files.exists(repo));
    }

    /** The development root as a file, as a reviewer would take it from keys/development. */
    private Path developmentRoot() {
        Path root = temp.resolve("development-root.pem");
        try {
            if (!Files.exists(root)) {
                Pem.writeNew(root, DevelopmentKeys.root());
            }
            return root;
        } catch (IOException | TrustMaterialException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(Cli.Run run, int exitCode, String message) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertTrue(run.err().contains(message), () -> "expected \"" + message + "\" in: " + run.err());
    }

    private static void assertOpensslAccepts(Path json, Path root) {
        HostTools.Result openssl = HostTools.opensslVerify(json, json.resolveSibling(json.getFileName() + ".p7s"), root);
        assertEquals(0, openssl.exitCode(), openssl.output());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
