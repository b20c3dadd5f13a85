package dev.slipway.repository;

import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.VerifyOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a publish or a refresh is to do.
 *
 * @param channel       the channel's name
 * @param expiresIn     how long the new metadata stays valid: nodes refuse it afterwards, so refresh
 *                      well within it (7 days by default on the command line)
 * @param waves         the rollout plan, or {@code null} when not given: a publish then lets every
 *                      node update at once, a refresh keeps the current plan
 * @param channelKey    a channel-signing key; the caller keeps and closes it
 * @param trust         what the build's manifest signature and the new channel signature must verify
 *                      against (the roots nodes have, with rotation certificates and CRLs)
 * @param verifyOptions whether development signatures are accepted
 * @param rotationFiles PEM files copied (concatenated) to {@code trust/rotation.pem}; empty: left as is
 * @param crlFiles      PEM files copied (concatenated) to {@code trust/crl.pem}; empty: left as is
 */
public record PublishRequest(String channel, Duration expiresIn, List<ChannelMetadata.Wave> waves,
                             SigningKey channelKey, TrustStore trust, VerifyOptions verifyOptions,
                             List<Path> rotationFiles, List<Path> crlFiles) {

    public PublishRequest {
        RepositoryLayout.checkChannel(channel);
        if (expiresIn.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the channel metadata must stay valid for a second or more, not "
                    + expiresIn);
        }
        waves = waves == null ? null : List.copyOf(waves);
        Objects.requireNonNull(channelKey, "channelKey");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(verifyOptions, "verifyOptions");
        rotationFiles = List.copyOf(rotationFiles);
        crlFiles = List.copyOf(crlFiles);
    }
}
