package dev.slipway.agent.install;

import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;

/** What a check of the channel concluded. */
public sealed interface CheckOutcome {

    /** Nothing to install now; the message says why (up to date, paused, pinned, wave, rolled back before). */
    record NothingToDo(String message, long channelVersion) implements CheckOutcome {
    }

    /** The channel or release was refused; nothing was written. */
    record Refusal(String message, boolean verificationFailure, long channelVersion) implements CheckOutcome {
    }

    /**
     * A release that passed every check.
     *
     * @param path           its directory in the repository
     * @param manifestSha256 the SHA-256 of its manifest, as the channel binds it
     */
    record Release(long channelVersion, String path, String manifestSha256, Manifest manifest, Artifact usr,
                   Artifact kernel, Artifact initrd) implements CheckOutcome {
    }
}
