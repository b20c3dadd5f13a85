package dev.slipway.repository;

/**
 * A publish or refresh that was refused. Whatever the reason, nothing was written under a final
 * name: the repository is as it was. The message names the file or field and what to do.
 */
public final class PublishException extends Exception {

    /** Why it was refused. */
    public enum Reason {
        /** The build's manifest signature was refused by the trust policy given. */
        BUILD_SIGNATURE,
        /** A file of the build is missing or differs from its signed manifest (size, SHA-256, verity). */
        BUILD_DAMAGED,
        /** The build cannot be published as it is: no usable /usr artifact, a name that cannot be a path. */
        BUILD_UNSUITABLE,
        /** This image version is already published with other content: published versions never change. */
        VERSION_EXISTS,
        /** The channel would move to a lower security version, or to another image or manifest. */
        CHANNEL_CONFLICT,
        /** A refresh of a channel that the repository does not have. */
        NO_SUCH_CHANNEL,
        /** A file already in the repository cannot be read as what it should be. */
        REPOSITORY_DAMAGED,
        /** Signing failed, or the new channel metadata does not verify with the trust given: nodes would refuse it. */
        CHANNEL_UNTRUSTED,
        /** Another publish into the same repository is running. */
        BUSY
    }

    private final Reason reason;

    public PublishException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PublishException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
