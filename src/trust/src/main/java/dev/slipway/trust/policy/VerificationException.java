package dev.slipway.trust.policy;

/**
 * A signature was refused. {@link #reason()} says which check failed, for programs; the message says it for
 * people, naming the certificate and what to do.
 */
public class VerificationException extends Exception {

    /** Which check refused the signature. */
    public enum Reason {
        /** Not a detached CMS SignedData with exactly one SHA-256 signer and its certificate. */
        MALFORMED,
        /** The content is not what was signed: it changed after signing. */
        DIGEST_MISMATCH,
        /** The signature value does not verify with the signer's public key. */
        BAD_SIGNATURE,
        /** No signed signing-time attribute, so certificates cannot be checked at the signing time. */
        NO_SIGNING_TIME,
        /** The signer's certificate does not carry the role asked for (or is a CA). */
        WRONG_ROLE,
        /** No path from the signer to a trusted root (or a CA on it breaks PKIX rules). */
        UNTRUSTED_CHAIN,
        /** A certificate on the path was not yet valid at the signing time. */
        NOT_YET_VALID,
        /** A certificate on the path had expired at the signing time. */
        EXPIRED,
        /** A certificate on the path is listed in a trusted CRL. */
        REVOKED,
        /** The path ends at the development root, and development signatures were not allowed. */
        DEVELOPMENT_KEY_REFUSED
    }

    private final Reason reason;

    public VerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public VerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
