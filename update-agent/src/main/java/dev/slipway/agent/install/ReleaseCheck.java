package dev.slipway.agent.install;

import dev.slipway.agent.fetch.RepositoryClient;
import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.Target;
import dev.slipway.agent.state.Versions;
import dev.slipway.repository.ChannelException;
import dev.slipway.repository.ChannelMetadata;
import dev.slipway.repository.ChannelVerifier;
import dev.slipway.repository.RepositoryLayout;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.manifest.ManifestException;
import dev.slipway.trust.manifest.Manifests;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.SignatureVerifier;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.VerificationException;
import dev.slipway.trust.policy.VerifyOptions;
import dev.slipway.agent.fetch.FetchException;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The checking phase: everything that decides whether a release may be installed, before a byte of the disk
 * changes. In order: the channel's signature (channel-signing role), expiry and version (never lower than
 * seen); then whether this node wants the release at all (compatibility, newer version, security version,
 * rolled back before, pause, pin, wave); then the manifest, fetched by the size and SHA-256 the channel binds,
 * its signature (image-signing role) and its agreement with the channel; and that the payload fits the slot.
 */
public final class ReleaseCheck {

    private static final long CHANNEL_LIMIT = 1 << 20;
    private static final long SIGNATURE_LIMIT = 256 << 10;
    private static final long MANIFEST_LIMIT = 4 << 20;

    private final RepositoryClient client;
    private final String channel;

    private static final long TRUST_FILE_LIMIT = 4 << 20;

    private final TrustStore baseTrust;
    private final VerifyOptions options;
    private TrustStore trust;

    /** @param trust the node's roots (agent.toml's {@code trust}); the repository's CRLs and rotations are added */
    public ReleaseCheck(RepositoryClient client, String channel, TrustStore trust, VerifyOptions options) {
        this.client = client;
        this.channel = channel;
        this.baseTrust = trust;
        this.trust = trust;
        this.options = options;
    }

    /**
     * The node's roots plus what the repository serves beside its channels: rotation cross-certificates (a new
     * root vouched for by one the node trusts) and CRLs. Neither can add trust of its own: a cross-certificate
     * counts only on a path to a trusted root, a CRL only when a CA on the path signed it.
     */
    private TrustStore withRepositoryTrust(TrustStore base) throws IOException, ChannelException {
        List<X509Certificate> rotation = new ArrayList<>(base.rotationCertificates());
        List<X509CRL> crls = new ArrayList<>(base.crls());
        try {
            Optional<byte[]> rotationPem = optional(RepositoryLayout.ROTATION);
            if (rotationPem.isPresent()) {
                rotation.addAll(Pem.parseCertificates(new String(rotationPem.get(), StandardCharsets.US_ASCII),
                        client.describe(RepositoryLayout.ROTATION)));
            }
            Optional<byte[]> crlPem = optional(RepositoryLayout.CRL);
            if (crlPem.isPresent()) {
                crls.addAll(Pem.parseCrls(new String(crlPem.get(), StandardCharsets.US_ASCII),
                        client.describe(RepositoryLayout.CRL)));
            }
            return new TrustStore(base.roots(), rotation, crls);
        } catch (TrustMaterialException | IllegalArgumentException e) {
            throw new ChannelException(ChannelException.Reason.MALFORMED, "the repository's trust files cannot be read: "
                    + e.getMessage());
        }
    }

    private Optional<byte[]> optional(String path) throws IOException {
        try {
            return Optional.of(client.fetch(path, TRUST_FILE_LIMIT));
        } catch (FetchException e) {
            if (e.reason() == FetchException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public CheckOutcome check(AgentState state, NodeIdentity node, long slotCapacity, Instant now) throws IOException {
        if (state.paused()) {
            return new CheckOutcome.NothingToDo("updates are paused (slipway-agent resume)", 0);
        }
        ChannelMetadata metadata;
        try {
            trust = withRepositoryTrust(baseTrust);
            byte[] json = client.fetch(RepositoryLayout.channel(channel), CHANNEL_LIMIT);
            byte[] signature = client.fetch(RepositoryLayout.channelSignature(channel), SIGNATURE_LIMIT);
            metadata = ChannelVerifier.verify(channel, json, signature, trust, options, now);
            ChannelVerifier.requireNotOlder(metadata, state.channelVersionSeen());
        } catch (ChannelException e) {
            return new CheckOutcome.Refusal("channel " + channel + " refused: " + e.getMessage(), true, 0);
        }
        long version = metadata.version();
        ChannelMetadata.Release release = metadata.release();
        if (!release.compatibility().equals(node.compatibility())) {
            return new CheckOutcome.Refusal("channel " + channel + " offers " + release.compatibility() + " "
                    + release.version() + ", but this node runs " + node.compatibility() + ": wrong channel for this"
                    + " image (check `channel` in agent.toml)", false, version);
        }
        int order = Versions.compare(release.version(), node.version());
        if (order == 0) {
            return new CheckOutcome.NothingToDo("up to date: running " + node.version() + " on slot " + node.booted(),
                    version);
        }
        if (order < 0) {
            return new CheckOutcome.Refusal("channel " + channel + " offers " + release.version() + ", older than "
                    + node.version() + " which runs now: downgrades are refused", false, version);
        }
        if (release.securityVersion() < node.securityVersion()) {
            return new CheckOutcome.Refusal(release.version() + " has security version " + release.securityVersion()
                    + ", below " + node.securityVersion() + " which runs now: refused", false, version);
        }
        if (state.rolledBack().contains(release.version())) {
            return new CheckOutcome.NothingToDo(release.version() + " rolled back on this node before and is not"
                    + " retried (slipway-agent forget-rollback " + release.version() + " allows it again)", version);
        }
        if (state.pin() != null && !state.pin().equals(release.version())) {
            return new CheckOutcome.NothingToDo("pinned to " + state.pin() + "; the channel offers " + release.version(),
                    version);
        }
        if (!metadata.mayUpdate(node.machineId(), now)) {
            return new CheckOutcome.NothingToDo(release.version() + " is rolling out in waves (" + metadata
                    .allowedPercent(now) + "% of nodes now); this node's turn has not come", version);
        }
        return manifest(metadata, node, slotCapacity);
    }

    private CheckOutcome manifest(ChannelMetadata metadata, NodeIdentity node, long slotCapacity) throws IOException {
        long version = metadata.version();
        ChannelMetadata.Release release = metadata.release();
        String path = release.path();
        byte[] manifestBytes = client.fetch(release.manifestPath(), release.manifestSize());
        String digest = sha256(manifestBytes);
        if (manifestBytes.length != release.manifestSize() || !digest.equals(release.manifestSha256())) {
            return new CheckOutcome.Refusal("the manifest of " + release.version() + " is " + manifestBytes.length
                    + " bytes with SHA-256 " + digest + ", but the signed channel names " + release.manifestSize()
                    + " bytes with " + release.manifestSha256() + ": refused", true, version);
        }
        Manifest manifest;
        try {
            byte[] signature = client.fetch(path + "/" + Manifest.SIGNATURE_FILE_NAME, SIGNATURE_LIMIT);
            SignatureVerifier.verify(manifestBytes, signature, KeyRole.IMAGE_SIGNING, trust, options);
            manifest = Manifests.parse(manifestBytes);
        } catch (VerificationException e) {
            return new CheckOutcome.Refusal("the manifest of " + release.version() + " is refused: " + e.getMessage(),
                    true, version);
        } catch (ManifestException e) {
            return new CheckOutcome.Refusal("the manifest of " + release.version() + " cannot be read: "
                    + e.getMessage(), true, version);
        }
        if (!manifest.image().version().equals(release.version()) || !manifest.compatibility().equals(
                release.compatibility()) || manifest.securityVersion() != release.securityVersion()
                || !manifest.image().name().equals(release.image())) {
            return new CheckOutcome.Refusal("the manifest says " + manifest.image().name() + " "
                    + manifest.image().version() + " (" + manifest.compatibility() + ", security version "
                    + manifest.securityVersion() + ") but the channel says " + release.image() + " " + release.version()
                    + ": refused", true, version);
        }
        Artifact usr = manifest.artifact(Artifact.USR).orElse(null);
        Artifact kernel = manifest.artifact(Artifact.KERNEL).orElse(null);
        Artifact initrd = manifest.artifact(Artifact.INITRD).orElse(null);
        if (usr == null || usr.verity() == null || kernel == null || initrd == null) {
            return new CheckOutcome.Refusal(release.version() + "'s manifest lacks a /usr image with verity, a kernel"
                    + " or an initrd: not an image a slot can boot", false, version);
        }
        if (usr.size() > slotCapacity) {
            return new CheckOutcome.Refusal(release.version() + "'s /usr is " + usr.size() + " bytes; slot "
                    + node.booted().other() + " holds " + slotCapacity + ": the payload does not fit", false, version);
        }
        return new CheckOutcome.Release(version, path, digest, manifest, usr, kernel, initrd);
    }

    /**
     * The release a committed target names, fetched again after a restart: the manifest must still have the
     * SHA-256 the verified channel bound, and its signature is checked again.
     */
    public CheckOutcome.Release release(Target target) throws IOException, InstallException {
        byte[] manifestBytes = client.fetch(target.path() + "/" + Manifest.FILE_NAME, MANIFEST_LIMIT);
        String digest = sha256(manifestBytes);
        if (!digest.equals(target.manifestSha256())) {
            throw new InstallException("the manifest of " + target.version() + " changed in the repository since the"
                    + " update began (SHA-256 " + digest + ", expected " + target.manifestSha256() + ")", true);
        }
        try {
            byte[] signature = client.fetch(target.path() + "/" + Manifest.SIGNATURE_FILE_NAME, SIGNATURE_LIMIT);
            SignatureVerifier.verify(manifestBytes, signature, KeyRole.IMAGE_SIGNING, trust, options);
            Manifest manifest = Manifests.parse(manifestBytes);
            return new CheckOutcome.Release(0, target.path(), digest, manifest,
                    manifest.artifact(Artifact.USR).orElseThrow(), manifest.artifact(Artifact.KERNEL).orElseThrow(),
                    manifest.artifact(Artifact.INITRD).orElseThrow());
        } catch (VerificationException | ManifestException | java.util.NoSuchElementException e) {
            throw new InstallException("the manifest of " + target.version() + " is refused on resuming: "
                    + e.getMessage(), true);
        }
    }

    /** Fetches a file whose size and SHA-256 the manifest states, and refuses anything else. */
    public byte[] fetchArtifact(String path, Artifact artifact) throws IOException, InstallException {
        byte[] bytes = client.fetch(path + "/" + artifact.name(), artifact.size());
        String digest = sha256(bytes);
        if (bytes.length != artifact.size() || !digest.equals(artifact.sha256())) {
            throw new InstallException(artifact.name() + " of " + path + " is " + bytes.length + " bytes with SHA-256 "
                    + digest + "; the signed manifest says " + artifact.size() + " bytes with " + artifact.sha256(), true);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(SlotInstaller.sha256().digest(bytes));
    }
}
