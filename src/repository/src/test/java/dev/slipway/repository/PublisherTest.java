package dev.slipway.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.io.Progress;
import dev.slipway.testing.Command;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.pki.DevelopmentKeys;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerifyOptions;
import dev.slipway.trust.testing.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing a small real build with the development keys: the repository's files checked by zstd,
 * veritysetup and openssl, and a publish that is repeated, conflicting or fed a damaged build.
 */
class PublisherTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void publishWritesAVersionDirectoryAndASignedChannelThatTheRefereesAccept() throws Exception {
        TestBuild build = build("0.1.0", 1, 1);
        Path repo = dir.resolve("repo");

        PublishResult result = publisher(repo, NOW).publish(build.directory(), request("stable", null));

        Path version = repo.resolve("images/testimg/0.1.0");
        assertEquals("images/testimg/0.1.0", result.versionDirectory());
        assertTrue(result.versionDirectoryCreated() && result.channelWritten());
        assertTrue(result.frames() >= 3, "frames: " + result.frames());
        assertEquals(List.of("initrd.img", "manifest.json", "manifest.json.p7s", "usr.frames", "usr.frames.json",
                "usr.verity", "vmlinuz"), RepositoryFiles.files(version));
        for (String name : List.of("manifest.json", "manifest.json.p7s", "vmlinuz", "initrd.img")) {
            assertEquals(-1, Files.mismatch(build.directory().resolve(name), version.resolve(name)), name);
        }
        byte[] usr = Files.readAllBytes(build.usrImage());
        byte[] data = Arrays.copyOf(usr, (int) build.dataSize());
        assertArrayEquals(Arrays.copyOfRange(usr, (int) build.dataSize(), usr.length),
                Files.readAllBytes(version.resolve("usr.verity")), "usr.verity is usr.img from the hash offset");
        byte[] decoded = Command.run("zstd", "-q", "-d", "-c", version.resolve("usr.frames").toString()).check().stdout();
        assertArrayEquals(data, decoded, "zstd -d of the concatenated frames is usr.img's filesystem");
        Path dataFile = Files.write(dir.resolve("decoded.img"), decoded);
        Command.run("veritysetup", "verify", dataFile.toString(), version.resolve("usr.verity").toString(),
                build.rootHash()).check();
        assertEquals(result.frames(), FrameIndex.parse(Files.readAllBytes(version.resolve("usr.frames.json")),
                build.dataSize(), 100).frames().size());

        ChannelMetadata channel = result.channel();
        assertEquals(1, channel.version());
        assertEquals(NOW, channel.issuedAt());
        assertEquals(NOW.plus(Duration.ofDays(7)), channel.expiresAt());
        assertEquals(List.of(), channel.waves());
        assertEquals(new ChannelMetadata.Release("testimg", "0.1.0", "slipway/testimg/x86_64", 1,
                "images/testimg/0.1.0", Files.size(version.resolve("manifest.json")),
                TestBuild.sha256(Files.readAllBytes(version.resolve("manifest.json")))), channel.release());
        assertTrue(result.channelSignature().development());
        byte[] json = Files.readAllBytes(repo.resolve("channels/stable.json"));
        byte[] p7s = Files.readAllBytes(repo.resolve("channels/stable.json.p7s"));
        assertEquals(channel, ChannelVerifier.verify("stable", json, p7s, TrustStores.development(),
                VerifyOptions.ALLOW_DEVELOPMENT, NOW.plusSeconds(60)));

        Path root = Files.createTempFile(dir, "root", ".pem");
        Files.delete(root);
        Pem.writeNew(root, DevelopmentKeys.root());
        HostTools.Result openssl = HostTools.opensslVerify(repo.resolve("channels/stable.json"),
                repo.resolve("channels/stable.json.p7s"), root);
        assertEquals(0, openssl.exitCode(), openssl.output());

        assertEquals("rwxr-xr-x", mode(version), "a web server can list it, whatever the umask");
        assertEquals("rw-r--r--", mode(version.resolve("usr.frames")));
        assertEquals("rw-r--r--", mode(repo.resolve("channels/stable.json")));
        assertEquals(List.of("0.1.0"), entries(repo.resolve("images/testimg")), "no staging directory left");
    }

    @Test
    void republishingTheSameBuildRewritesNothing() throws Exception {
        TestBuild build = build("0.1.0", 1, 1);
        Path repo = dir.resolve("repo");
        publisher(repo, NOW).publish(build.directory(), request("stable", null));
        RepositorySnapshot before = RepositorySnapshot.of(repo);

        PublishResult again = publisher(repo, NOW.plusSeconds(3600)).publish(build.directory(), request("stable", null));

        assertFalse(again.versionDirectoryCreated());
        assertFalse(again.channelWritten());
        assertEquals(1, again.channel().version());
        assertEquals(before, RepositorySnapshot.of(repo), "same files, bytes, inodes and mtimes");
    }

    @Test
    void anotherBuildWithAPublishedVersionIsRefusedAndChangesNothing() throws Exception {
        Path repo = dir.resolve("repo");
        publisher(repo, NOW).publish(build("0.1.0", 1, 1).directory(), request("stable", null));
        RepositorySnapshot before = RepositorySnapshot.of(repo);
        TestBuild other = TestBuild.create(dir.resolve("other"), "testimg", "0.1.0", 1, 99, developmentImageKey());

        PublishException sameChannel = Publishing.refused(() -> publisher(repo, NOW).publish(other.directory(),
                request("stable", null)), PublishException.Reason.CHANNEL_CONFLICT);
        assertTrue(sameChannel.getMessage().contains("one version, one build"), sameChannel.getMessage());
        PublishException otherChannel = Publishing.refused(() -> publisher(repo, NOW).publish(other.directory(),
                request("beta", null)), PublishException.Reason.VERSION_EXISTS);
        assertTrue(otherChannel.getMessage().contains("testimg 0.1.0 is already published (images/testimg/0.1.0) from"
                + " another build"), otherChannel.getMessage());

        assertEquals(before, RepositorySnapshot.of(repo));
    }

    @Test
    void anAlteredUsrImageIsRefusedBeforeAnythingIsWritten() throws Exception {
        TestBuild build = build("0.1.0", 1, 1);
        byte[] usr = Files.readAllBytes(build.usrImage());
        usr[5000] ^= 1;
        Files.write(build.usrImage(), usr);
        Path repo = dir.resolve("repo");

        PublishException e = Publishing.refused(() -> publisher(repo, NOW).publish(build.directory(),
                request("stable", null)), PublishException.Reason.BUILD_DAMAGED);

        assertTrue(e.getMessage().contains("usr.img has SHA-256 "), e.getMessage());
        assertFalse(Files.exists(repo), "nothing written, not even the repository directory");
    }

    @Test
    void aDevelopmentSignedBuildIsRefusedUnderAProductionPolicy() throws Exception {
        TestBuild build = build("0.1.0", 1, 1);
        Path repo = dir.resolve("repo");
        try (SigningKey key = SigningKeys.development(KeyRole.CHANNEL_SIGNING)) {
            PublishRequest production = new PublishRequest("stable", Duration.ofDays(7), null, key,
                    TrustStores.development(), VerifyOptions.PRODUCTION, List.of(), List.of());
            PublishException e = Publishing.refused(() -> publisher(repo, NOW).publish(build.directory(), production),
                    PublishException.Reason.BUILD_SIGNATURE);
            assertTrue(e.getMessage().contains("DEVELOPMENT_KEY_REFUSED"), e.getMessage());
        }
        assertFalse(Files.exists(repo));
    }

    @Test
    void eachPublishAndRefreshRaisesTheChannelVersion() throws Exception {
        Path repo = dir.resolve("repo");
        assertEquals(1, publisher(repo, NOW).publish(build("0.1.0", 1, 1).directory(), request("stable", null))
                .channel().version());
        List<ChannelMetadata.Wave> waves = List.of(new ChannelMetadata.Wave(NOW.getEpochSecond() + 3600, 10),
                new ChannelMetadata.Wave(NOW.getEpochSecond() + 86_400, 100));
        PublishResult second = publisher(repo, NOW.plusSeconds(60)).publish(build("0.2.0", 1, 2).directory(),
                request("stable", waves));
        assertEquals(2, second.channel().version());
        assertEquals("0.2.0", second.channel().release().version());
        assertEquals(waves, second.channel().waves());

        Instant later = NOW.plus(Duration.ofDays(5));
        PublishResult refreshed = publisher(repo, later).refresh(new PublishRequest("stable", Duration.ofDays(3), null,
                developmentChannelKey(), TrustStores.development(), VerifyOptions.ALLOW_DEVELOPMENT, List.of(),
                List.of()));

        ChannelMetadata channel = ChannelVerifier.verify("stable", Files.readAllBytes(repo.resolve("channels/stable.json")),
                Files.readAllBytes(repo.resolve("channels/stable.json.p7s")), TrustStores.development(),
                VerifyOptions.ALLOW_DEVELOPMENT, later);
        assertEquals(refreshed.channel(), channel);
        assertEquals(3, channel.version());
        assertEquals(later, channel.issuedAt());
        assertEquals(later.plus(Duration.ofDays(3)), channel.expiresAt());
        assertEquals(second.channel().release(), channel.release());
        assertEquals(waves, channel.waves(), "a refresh keeps the waves unless given new ones");

        PublishResult rewaved = publisher(repo, later.plusSeconds(1)).refresh(request("stable", List.of()));
        assertEquals(4, rewaved.channel().version());
        assertEquals(List.of(), rewaved.channel().waves());
        assertTrue(Files.isDirectory(repo.resolve("images/testimg/0.1.0")), "older versions stay published");
    }

    @Test
    void aLowerSecurityVersionIsRefused() throws Exception {
        Path repo = dir.resolve("repo");
        publisher(repo, NOW).publish(build("0.1.0", 2, 1).directory(), request("stable", null));
        RepositorySnapshot before = RepositorySnapshot.of(repo);

        PublishException e = Publishing.refused(() -> publisher(repo, NOW).publish(build("0.2.0", 1, 2).directory(),
                request("stable", null)), PublishException.Reason.CHANNEL_CONFLICT);

        assertTrue(e.getMessage().contains("security version 2; 0.2.0 has security version 1"), e.getMessage());
        assertEquals(before, RepositorySnapshot.of(repo));
    }

    private TestBuild build(String version, long securityVersion, long seed) throws Exception {
        return TestBuild.create(dir.resolve("build-" + version + "-" + seed), "testimg", version, securityVersion, seed,
                developmentImageKey());
    }

    static Publisher publisher(Path repo, Instant now) {
        return new Publisher(repo, Clock.fixed(now, ZoneOffset.UTC), Progress.NONE);
    }

    /** Development channel key, development trust allowed. */
    static PublishRequest request(String channel, List<ChannelMetadata.Wave> waves) throws Exception {
        return new PublishRequest(channel, Duration.ofDays(7), waves, developmentChannelKey(), TrustStores.development(),
                VerifyOptions.ALLOW_DEVELOPMENT, List.of(), List.of());
    }

    static SigningKey developmentChannelKey() throws Exception {
        return SigningKeys.development(KeyRole.CHANNEL_SIGNING);
    }

    static SigningKey developmentImageKey() throws Exception {
        return SigningKeys.development(KeyRole.IMAGE_SIGNING);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<String> entries(Path directory) throws Exception {
        try (var entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
