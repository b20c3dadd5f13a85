package dev.slipway.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.VerifyOptions;
import dev.slipway.trust.testing.HostTools;
import dev.slipway.trust.testing.ThrowawayPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing with a team's own keys under a production policy: the channel key must verify with
 * the trust given, rotation certificates and CRLs are carried into the repository, and the
 * repository refuses concurrent or impossible work.
 */
class PublisherTrustTest {

    @TempDir
    Path dir;

    @Test
    void productionKeysPublishAndCarryTheTrustFiles() throws Exception {
        ThrowawayPki pki = ThrowawayPki.create(dir.resolve("pki"));
        TestBuild build = TestBuild.create(dir.resolve("build"), "node", "1.0", 1, 5,
                pki.signingKey(KeyRole.IMAGE_SIGNING));
        Path repo = dir.resolve("repo");
        Path rotation = Files.copy(pki.file("root.pem"), dir.resolve("rotation.pem"));
        PublishRequest request = new PublishRequest("prod", Duration.ofHours(12), null,
                pki.signingKey(KeyRole.CHANNEL_SIGNING), pki.trustStore(), VerifyOptions.PRODUCTION, List.of(rotation),
                List.of(pki.file("root.crl.pem"), pki.file("root.crl.pem")));

        PublishResult result = PublisherTest.publisher(repo, PublisherTest.NOW).publish(build.directory(), request);

        assertFalse(result.channelSignature().development());
        assertEquals(List.of("trust/rotation.pem", "trust/crl.pem"), result.trustFilesWritten());
        assertArrayEquals(Files.readAllBytes(rotation), Files.readAllBytes(repo.resolve("trust/rotation.pem")));
        String crl = Files.readString(pki.file("root.crl.pem"));
        assertEquals(crl + crl, Files.readString(repo.resolve("trust/crl.pem")), "CRL files are concatenated");
        HostTools.Result openssl = HostTools.opensslVerify(repo.resolve("channels/prod.json"),
                repo.resolve("channels/prod.json.p7s"), pki.file("root.pem"));
        assertEquals(0, openssl.exitCode(), openssl.output());
        HostTools.Result crlCheck = HostTools.run(List.of("openssl", "crl", "-noout", "-in",
                repo.resolve("trust/crl.pem").toString(), "-CAfile", pki.file("root.pem").toString()));
        assertEquals(0, crlCheck.exitCode(), crlCheck.output());
    }

    @Test
    void aChannelKeyNodesWouldNotTrustWritesNothing() throws Exception {
        ThrowawayPki pki = ThrowawayPki.create(dir.resolve("pki"));
        ThrowawayPki other = ThrowawayPki.create(dir.resolve("other"), "Another team");
        TestBuild build = TestBuild.create(dir.resolve("build"), "node", "1.0", 1, 5,
                pki.signingKey(KeyRole.IMAGE_SIGNING));
        Path repo = dir.resolve("repo");
        PublishRequest request = new PublishRequest("prod", Duration.ofDays(7), null,
                other.signingKey(KeyRole.CHANNEL_SIGNING), pki.trustStore(), VerifyOptions.PRODUCTION, List.of(),
                List.of());

        PublishException e = Publishing.refused(() -> PublisherTest.publisher(repo, PublisherTest.NOW)
                .publish(build.directory(), request), PublishException.Reason.CHANNEL_UNTRUSTED);

        assertTrue(e.getMessage().contains("nodes with that trust would refuse it"), e.getMessage());
        assertFalse(Files.exists(repo.resolve("images")), "no version directory");
        assertFalse(Files.exists(repo.resolve("channels")), "no channel");
    }

    @Test
    void anImageKeyCannotSignTheChannel() throws Exception {
        ThrowawayPki pki = ThrowawayPki.create(dir.resolve("pki"));
        TestBuild build = TestBuild.create(dir.resolve("build"), "node", "1.0", 1, 5,
                pki.signingKey(KeyRole.IMAGE_SIGNING));
        PublishRequest request = new PublishRequest("prod", Duration.ofDays(7), null,
                pki.signingKey(KeyRole.IMAGE_SIGNING), pki.trustStore(), VerifyOptions.PRODUCTION, List.of(), List.of());
        PublishException e = Publishing.refused(() -> PublisherTest.publisher(dir.resolve("repo"), PublisherTest.NOW)
                .publish(build.directory(), request), PublishException.Reason.CHANNEL_UNTRUSTED);
        assertTrue(e.getMessage().contains("WRONG_ROLE"), e.getMessage());
    }

    @Test
    void aSecondPublisherWaitsItsTurn() throws Exception {
        TestBuild build = TestBuild.create(dir.resolve("build"), "node", "1.0", 1, 5,
                PublisherTest.developmentImageKey());
        Path repo = Files.createDirectories(dir.resolve("repo"));
        try (RepositoryLock held = RepositoryLock.acquire(repo)) {
            PublishException e = Publishing.refused(() -> PublisherTest.publisher(repo, PublisherTest.NOW)
                    .publish(build.directory(), PublisherTest.request("stable", null)), PublishException.Reason.BUSY);
            assertTrue(e.getMessage().contains("another publish or refresh into"), e.getMessage());
        }
        PublisherTest.publisher(repo, PublisherTest.NOW).publish(build.directory(), PublisherTest.request("stable", null));
    }

    @Test
    void refreshNeedsTheChannelAndItsUnchangedManifest() throws Exception {
        Path repo = dir.resolve("repo");
        Publishing.refused(() -> PublisherTest.publisher(repo, PublisherTest.NOW)
                .refresh(PublisherTest.request("stable", null)), PublishException.Reason.NO_SUCH_CHANNEL);
        TestBuild build = TestBuild.create(dir.resolve("build"), "node", "1.0", 1, 5,
                PublisherTest.developmentImageKey());
        PublisherTest.publisher(repo, PublisherTest.NOW).publish(build.directory(), PublisherTest.request("stable", null));
        Publishing.refused(() -> PublisherTest.publisher(repo, PublisherTest.NOW)
                .refresh(PublisherTest.request("beta", null)), PublishException.Reason.NO_SUCH_CHANNEL);

        Path manifest = repo.resolve("images/node/1.0/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("a test image", "a test imagE"));
        RepositorySnapshot before = RepositorySnapshot.of(repo);
        PublishException e = Publishing.refused(() -> PublisherTest.publisher(repo, PublisherTest.NOW)
                .refresh(PublisherTest.request("stable", null)), PublishException.Reason.REPOSITORY_DAMAGED);
        assertTrue(e.getMessage().contains("is not the manifest the channel names"), e.getMessage());
        assertEquals(before, RepositorySnapshot.of(repo));
    }

    @Test
    void aDamagedChannelFileIsNamed() throws Exception {
        Path repo = dir.resolve("repo");
        TestBuild build = TestBuild.create(dir.resolve("build"), "node", "1.0", 1, 5,
                PublisherTest.developmentImageKey());
        Files.createDirectories(repo.resolve("channels"));
        Files.writeString(repo.resolve("channels/stable.json"), "{\"type\":\"slipway/channel\"}");
        PublishException e = Publishing.refused(() -> PublisherTest.publisher(repo, PublisherTest.NOW)
                .publish(build.directory(), PublisherTest.request("stable", null)),
                PublishException.Reason.REPOSITORY_DAMAGED);
        assertTrue(e.getMessage().contains("channels/stable.json cannot be read (format is missing)"), e.getMessage());
    }
}
