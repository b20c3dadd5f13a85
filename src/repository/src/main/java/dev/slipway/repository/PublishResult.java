package dev.slipway.repository;

import dev.slipway.trust.policy.VerifiedSignature;
import java.util.List;

/**
 * What a publish or refresh did.
 *
 * @param channel                 the channel metadata now in the repository (new or unchanged)
 * @param channelWritten          whether new metadata was signed and written; false when the channel
 *                                already offered this release and no new waves were asked for
 * @param channelSignature        the new metadata's signature as verified, or null if none was written
 * @param versionDirectory        the release's directory, {@code images/IMAGE/VERSION}
 * @param versionDirectoryCreated whether it was written now; false when it was already there, the
 *                                same to the byte (and always for a refresh)
 * @param frames                  the /usr payload's frame count, 0 for a refresh
 * @param payloadSize             bytes of usr.frames, 0 for a refresh
 * @param buildSignature          the build's manifest signature as verified, or null for a refresh
 * @param trustFilesWritten       the repository's trust files that were replaced, as relative paths
 */
public record PublishResult(ChannelMetadata channel, boolean channelWritten, VerifiedSignature channelSignature,
                            String versionDirectory, boolean versionDirectoryCreated, int frames, long payloadSize,
                            VerifiedSignature buildSignature, List<String> trustFilesWritten) {

    public PublishResult {
        trustFilesWritten = List.copyOf(trustFilesWritten);
    }
}
