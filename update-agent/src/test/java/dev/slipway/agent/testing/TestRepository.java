package dev.slipway.agent.testing;

import dev.slipway.io.Progress;
import dev.slipway.repository.ChannelMetadata;
import dev.slipway.repository.PublishRequest;
import dev.slipway.repository.Publisher;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerifyOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Publishes test builds with Slipway's publisher and the development channel key, as a team would. */
public final class TestRepository {

    public static final String CHANNEL = "stable";

    private TestRepository() {
    }

    public static void publish(Path repository, TestBuild build) throws Exception {
        publish(repository, build, Clock.systemUTC(), Duration.ofDays(7), null);
    }

    public static void publish(Path repository, TestBuild build, Clock clock, Duration expiresIn,
                               List<ChannelMetadata.Wave> waves) throws Exception {
        new Publisher(repository, clock, Progress.NONE).publish(build.directory(), new PublishRequest(CHANNEL, expiresIn,
                waves, SigningKeys.development(KeyRole.CHANNEL_SIGNING), TrustStores.development(),
                VerifyOptions.ALLOW_DEVELOPMENT, List.of(), List.of()));
    }

    /** The development root, as agent.toml's {@code trust} would name it. */
    public static Path developmentRoot() {
        return Path.of(System.getProperty("slipway.repo", "..")).resolve("keys/development/root.pem");
    }
}
