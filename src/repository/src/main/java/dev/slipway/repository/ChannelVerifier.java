package dev.slipway.repository;

import dev.slipway.repository.ChannelException.Reason;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.SignatureVerifier;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.VerificationException;
import dev.slipway.trust.policy.VerifyOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks channel metadata the way a node must before acting on it, in this order: the detached CMS
 * signature against the trust policy with the channel-signing role (so an image-signing key can
 * never move a channel), then the strict parse, then freshness at the verifier's clock: refused
 * once {@code now} reaches {@code expires}, or when {@code issued} lies more than
 * {@link #CLOCK_SKEW} ahead of {@code now}.
 *
 * <p>Unlike image manifests, whose certificates are checked at the signing time, channel metadata is
 * about the present: its expiry against the local clock is what stops a mirror or an attacker from
 * freezing a node on old but correctly signed metadata (TUF's answer). Replays of older, unexpired
 * metadata are stopped by the version: see {@link #requireNotOlder}.
 */
public final class ChannelVerifier {

    /** How far ahead of the verifier's clock {@code issued} may be: publishers' and nodes' clocks drift. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private ChannelVerifier() {
    }

    /**
     * The verified metadata.
     *
     * @param json    the channel file's bytes, exactly as fetched
     * @param p7s     its detached DER CMS signature
     * @param options whether development signatures are accepted
     * @param now     the verifier's clock
     * @throws ChannelException saying which check refused it (see {@link ChannelException.Reason})
     */
    public static ChannelMetadata verify(byte[] json, byte[] p7s, TrustStore store, VerifyOptions options, Instant now)
            throws ChannelException {
        try {
            SignatureVerifier.verify(json, p7s, KeyRole.CHANNEL_SIGNING, store, options);
        } catch (VerificationException e) {
            throw new ChannelException(e);
        }
        ChannelMetadata metadata = ChannelMetadata.parse(json);
        if (!now.isBefore(metadata.expiresAt())) {
            throw new ChannelException(Reason.EXPIRED, "channel " + metadata.channel() + " metadata version "
                    + metadata.version() + " expired at " + metadata.expiresAt() + " (now " + now + "): nobody has"
                    + " vouched for the channel since; its publisher must re-sign it with `slipway channel refresh`");
        }
        if (metadata.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new ChannelException(Reason.ISSUED_IN_FUTURE, "channel " + metadata.channel() + " metadata version "
                    + metadata.version() + " says it was issued at " + metadata.issuedAt() + ", more than "
                    + CLOCK_SKEW.toMinutes() + " minutes after this machine's time (" + now + "): check this machine's"
                    + " clock and the publisher's (NTP)");
        }
        return metadata;
    }

    /**
     * {@link #verify(byte[], byte[], TrustStore, VerifyOptions, Instant)}, then also refuses metadata
     * for another channel than {@code channel}: a mirror must not serve one channel's file as another's.
     */
    public static ChannelMetadata verify(String channel, byte[] json, byte[] p7s, TrustStore store,
                                         VerifyOptions options, Instant now) throws ChannelException {
        ChannelMetadata metadata = verify(json, p7s, store, options, now);
        if (!metadata.channel().equals(channel)) {
            throw new ChannelException(Reason.WRONG_CHANNEL, "the metadata fetched for channel " + channel
                    + " is signed metadata for channel " + metadata.channel() + ": the repository or a mirror serves"
                    + " the wrong file");
        }
        return metadata;
    }

    /**
     * Refuses {@code metadata} whose version is lower than {@code highestSeen}, the highest version
     * of this channel a node has accepted before: an older signed file replayed by a mirror.
     */
    public static void requireNotOlder(ChannelMetadata metadata, long highestSeen) throws ChannelException {
        if (metadata.version() < highestSeen) {
            throw new ChannelException(Reason.ROLLBACK, "channel " + metadata.channel() + " metadata version "
                    + metadata.version() + " is older than version " + highestSeen + ", seen before: the repository"
                    + " or a mirror replays old metadata; refusing it");
        }
    }
}
