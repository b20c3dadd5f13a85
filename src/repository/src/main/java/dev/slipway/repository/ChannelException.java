package dev.slipway.repository;

import dev.slipway.trust.policy.VerificationException;
import java.util.Optional;

/**
 * Channel metadata that may not be used. {@link #reason()} says which check refused it, so the
 * agent can report precisely; when the signature check refused it, {@link #signatureReason()} keeps
 * the trust module's own reason. The message says it for people, with what to do.
 */
public final class ChannelException extends Exception {

    /** Which check refused the metadata. */
    public enum Reason {
        /** Not channel metadata this Slipway reads: not canonical JSON, a field missing, unknown or malformed. */
        MALFORMED,
        /** The signature is malformed, does not match the bytes, or has no signing time. */
        BAD_SIGNATURE,
        /** The signer's certificate is not a channel-signing certificate (an image-signing key, a CA). */
        WRONG_ROLE,
        /** No valid path from the signer to a trusted root at the signing time. */
        UNTRUSTED,
        /** A certificate on the signer's path is revoked. */
        REVOKED,
        /** Signed with a development key, and development keys are not allowed. */
        DEVELOPMENT_KEY_REFUSED,
        /** The metadata's expiry has passed: nobody vouches for the channel's current state any more. */
        EXPIRED,
        /** The metadata says it was issued more than the allowed clock skew in the future. */
        ISSUED_IN_FUTURE,
        /** The metadata is for another channel than the one asked for. */
        WRONG_CHANNEL,
        /** The metadata's version is lower than one already seen: a replay of old metadata. */
        ROLLBACK
    }

    private final Reason reason;
    private final VerificationException.Reason signatureReason;

    public ChannelException(Reason reason, String message) {
        super(message);
        this.reason = reason;
        this.signatureReason = null;
    }

    /** A refusal by the signature check: the reason is derived from, and keeps, the trust module's. */
    public ChannelException(VerificationException cause) {
        super("channel metadata signature refused (" + cause.reason() + "): " + cause.getMessage(), cause);
        this.reason = of(cause.reason());
        this.signatureReason = cause.reason();
    }

    public Reason reason() {
        return reason;
    }

    /** The trust module's reason, when the signature check refused the metadata. */
    public Optional<VerificationException.Reason> signatureReason() {
        return Optional.ofNullable(signatureReason);
    }

    private static Reason of(VerificationException.Reason reason) {
        return switch (reason) {
            case MALFORMED, DIGEST_MISMATCH, BAD_SIGNATURE, NO_SIGNING_TIME -> Reason.BAD_SIGNATURE;
            case WRONG_ROLE -> Reason.WRONG_ROLE;
            case UNTRUSTED_CHAIN, NOT_YET_VALID, EXPIRED -> Reason.UNTRUSTED;
            case REVOKED -> Reason.REVOKED;
            case DEVELOPMENT_KEY_REFUSED -> Reason.DEVELOPMENT_KEY_REFUSED;
        };
    }
}
