package dev.slipway.repository;

import dev.slipway.repository.PublishException.Reason;
import dev.slipway.trust.cms.CmsSigner;
import dev.slipway.trust.cms.SigningException;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.SignatureVerifier;
import dev.slipway.trust.policy.VerificationException;
import dev.slipway.trust.policy.VerifiedSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** The publisher's side of a channel's two files: reading the current metadata, signing, writing. */
final class ChannelFiles {

    /** New metadata, its signature, and that signature as verified. */
    record Signed(ChannelMetadata metadata, byte[] json, byte[] p7s, VerifiedSignature signature) {
    }

    private ChannelFiles() {
    }

    /** The channel's current metadata, parsed (not verified: the publisher owns the repository). */
    static Optional<ChannelMetadata> read(Path repository, String channel) throws IOException, PublishException {
        Path file = repository.resolve(RepositoryLayout.channel(channel));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        ChannelMetadata metadata;
        try {
            metadata = ChannelMetadata.parse(Files.readAllBytes(file));
        } catch (ChannelException e) {
            throw new PublishException(Reason.REPOSITORY_DAMAGED, file + " cannot be read (" + e.getMessage()
                    + "); restore it from a backup, or remove it and its .p7s to start the channel again at version 1"
                    + " (nodes that saw a higher version will refuse the channel until it passes that version)", e);
        }
        if (!metadata.channel().equals(channel)) {
            throw new PublishException(Reason.REPOSITORY_DAMAGED, file + " holds metadata for channel "
                    + metadata.channel() + ", not " + channel + "; restore the right file");
        }
        return Optional.of(metadata);
    }

    /**
     * Signs {@code metadata} at {@code now} and verifies the result as a node would, with the
     * request's trust, before anything is written: a key whose signatures nodes would refuse (wrong
     * role, expired or revoked certificate, another root) stops the publish here.
     */
    static Signed sign(ChannelMetadata metadata, PublishRequest request, Instant now) throws PublishException {
        byte[] json = metadata.toJson();
        byte[] p7s;
        try {
            p7s = CmsSigner.sign(request.channelKey(), json, now);
        } catch (SigningException e) {
            throw new PublishException(Reason.CHANNEL_UNTRUSTED, "signing channel " + metadata.channel()
                    + " failed: " + e.getMessage(), e);
        }
        VerifiedSignature signature;
        try {
            signature = SignatureVerifier.verify(json, p7s, KeyRole.CHANNEL_SIGNING, request.trust(),
                    request.verifyOptions());
            ChannelVerifier.verify(metadata.channel(), json, p7s, request.trust(), request.verifyOptions(), now);
        } catch (VerificationException e) {
            throw untrusted(request, e.reason().name(), e.getMessage(), e);
        } catch (ChannelException e) {
            throw untrusted(request, e.reason().name(), e.getMessage(), e);
        }
        return new Signed(metadata, json, p7s, signature);
    }

    private static PublishException untrusted(PublishRequest request, String reason, String problem, Exception cause) {
        return new PublishException(Reason.CHANNEL_UNTRUSTED, "the new channel metadata, signed with "
                + request.channelKey().describe() + ", does not verify with the trust given, so nodes with that trust"
                + " would refuse it (" + reason + "): " + problem, cause);
    }

    /**
     * Replaces the channel's files, each by an atomic rename: the metadata first, then its
     * signature. Between the two renames a reader can fetch the new metadata with the old
     * signature; it fails verification and the agent tries again at its next poll.
     */
    static void write(Path repository, Signed signed) throws IOException {
        String channel = signed.metadata().channel();
        RepositoryFiles.replace(repository.resolve(RepositoryLayout.channel(channel)), signed.json());
        RepositoryFiles.replace(repository.resolve(RepositoryLayout.channelSignature(channel)), signed.p7s());
    }

    /** Refuses to re-sign a channel whose release's manifest is missing or another than the one it names. */
    static void checkRelease(Path repository, ChannelMetadata.Release release) throws IOException, PublishException {
        Path manifest = repository.resolve(release.manifestPath());
        if (!Files.isRegularFile(manifest)) {
            throw new PublishException(Reason.REPOSITORY_DAMAGED, "the channel offers " + release.image() + " "
                    + release.version() + ", but " + manifest + " is missing; publish that build again, or publish"
                    + " another release to the channel");
        }
        byte[] bytes = Files.readAllBytes(manifest);
        String digest = HexFormat.of().formatHex(FramedPayload.sha256().digest(bytes));
        if (bytes.length != release.manifestSize() || !digest.equals(release.manifestSha256())) {
            throw new PublishException(Reason.REPOSITORY_DAMAGED, manifest + " (" + bytes.length + " bytes, SHA-256 "
                    + digest + ") is not the manifest the channel names (" + release.manifestSize() + " bytes, SHA-256 "
                    + release.manifestSha256() + "); a published version must never change: restore it");
        }
    }
}
