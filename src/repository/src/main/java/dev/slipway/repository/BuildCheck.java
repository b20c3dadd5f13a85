package dev.slipway.repository;

import dev.slipway.io.Progress;
import dev.slipway.repository.PublishException.Reason;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.manifest.ManifestException;
import dev.slipway.trust.manifest.Manifests;
import dev.slipway.trust.manifest.VerityInfo;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.SignatureVerifier;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.VerificationException;
import dev.slipway.trust.policy.VerifiedSignature;
import dev.slipway.trust.policy.VerifyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a build output before anything of it is published, and writes nothing: the manifest's
 * signature (image-signing role, the trust given), the manifest itself, and the size and SHA-256 of
 * every file the repository will carry (usr.img, the kernel, the initrd) against it.
 */
final class BuildCheck {

    private BuildCheck() {
    }

    static VerifiedBuild verify(Path directory, TrustStore trust, VerifyOptions options, Progress progress)
            throws IOException, PublishException {
        Path manifestFile = directory.resolve(Manifest.FILE_NAME);
        Path signatureFile = directory.resolve(Manifest.SIGNATURE_FILE_NAME);
        for (Path file : List.of(manifestFile, signatureFile)) {
            if (!Files.isRegularFile(file)) {
                throw new PublishException(Reason.BUILD_UNSUITABLE, file + " does not exist: is " + directory
                        + " a signed Slipway build's output directory?");
            }
        }
        byte[] manifestBytes = Files.readAllBytes(manifestFile);
        byte[] signature = Files.readAllBytes(signatureFile);
        VerifiedSignature verified;
        try {
            verified = SignatureVerifier.verify(manifestBytes, signature, KeyRole.IMAGE_SIGNING, trust, options);
        } catch (VerificationException e) {
            throw new PublishException(Reason.BUILD_SIGNATURE, "the build's manifest signature was refused ("
                    + e.reason() + "): " + e.getMessage(), e);
        }
        Manifest manifest;
        try {
            manifest = Manifests.parse(manifestBytes);
        } catch (ManifestException e) {
            throw new PublishException(Reason.BUILD_UNSUITABLE, "the build's manifest is signed but cannot be read: "
                    + e.getMessage(), e);
        }
        try {
            RepositoryLayout.checkImage(manifest.image().name());
            RepositoryLayout.checkVersion(manifest.image().version());
        } catch (IllegalArgumentException e) {
            throw new PublishException(Reason.BUILD_UNSUITABLE, "the manifest's " + e.getMessage()
                    + "; it names the repository directory, so rebuild with a name and version profiles accept");
        }
        Artifact usr = usr(manifest);
        List<Artifact> bootFiles = new ArrayList<>();
        for (String role : List.of(Artifact.KERNEL, Artifact.INITRD)) {
            List<Artifact> matching = manifest.artifacts().stream().filter(a -> a.role().equals(role)).toList();
            if (matching.size() > 1) {
                throw new PublishException(Reason.BUILD_UNSUITABLE, "the manifest lists " + matching.size()
                        + " artifacts of role " + role + "; a release carries one");
            }
            for (Artifact artifact : matching) {
                if (RepositoryLayout.RESERVED_NAMES.contains(artifact.name())) {
                    throw new PublishException(Reason.BUILD_UNSUITABLE, "the " + role + " is named "
                            + artifact.name() + ", a name the repository uses for its own file");
                }
                bootFiles.add(artifact);
            }
        }
        List<Artifact> checked = new ArrayList<>(List.of(usr));
        checked.addAll(bootFiles);
        progress.start("checking the build's files", checked.stream().mapToLong(Artifact::size).sum());
        for (Artifact artifact : checked) {
            check(directory, artifact, progress);
        }
        progress.finish();
        return new VerifiedBuild(directory, manifestBytes, signature, manifest, verified, usr, bootFiles);
    }

    /** The /usr artifact, whose verity layout must be the one the frame index and the agent expect. */
    private static Artifact usr(Manifest manifest) throws PublishException {
        Artifact usr = manifest.artifact(Artifact.USR).orElseThrow(() -> new PublishException(Reason.BUILD_UNSUITABLE,
                "the manifest lists no single artifact of role usr: there is no /usr image to publish"));
        VerityInfo verity = usr.verity();
        if (verity == null) {
            throw new PublishException(Reason.BUILD_UNSUITABLE, usr.name() + " has no verity parameters in the"
                    + " manifest; an agent could not verify its blocks");
        }
        if (!verity.algorithm().equals("sha256") || verity.dataBlockSize() != FrameIndex.BLOCK_SIZE
                || verity.hashBlockSize() != FrameIndex.BLOCK_SIZE || verity.dataSize() <= 0
                || verity.hashOffset() % FrameIndex.BLOCK_SIZE != 0 || verity.hashOffset() >= usr.size()) {
            throw new PublishException(Reason.BUILD_UNSUITABLE, usr.name() + "'s verity layout (" + verity.algorithm()
                    + ", blocks " + verity.dataBlockSize() + "/" + verity.hashBlockSize() + ", data " + verity.dataSize()
                    + " bytes, hash offset " + verity.hashOffset() + ", file " + usr.size() + " bytes) is not one the"
                    + " repository carries: SHA-256 with 4096-byte blocks and the hash area at a block boundary");
        }
        if (usr.size() - verity.hashOffset() > Integer.MAX_VALUE - 16) {
            throw new PublishException(Reason.BUILD_UNSUITABLE, usr.name() + "'s hash area is "
                    + (usr.size() - verity.hashOffset()) + " bytes, more than an agent holds in memory");
        }
        return usr;
    }

    private static void check(Path directory, Artifact artifact, Progress progress)
            throws IOException, PublishException {
        Path file = directory.resolve(artifact.name());
        if (!Files.isRegularFile(file)) {
            throw new PublishException(Reason.BUILD_DAMAGED, file + " is missing, but the manifest lists it");
        }
        long size = Files.size(file);
        if (size != artifact.size()) {
            throw new PublishException(Reason.BUILD_DAMAGED, file + " is " + size + " bytes, but the signed manifest"
                    + " says " + artifact.size() + ": it changed after signing or was copied incompletely");
        }
        String digest = RepositoryFiles.sha256(file, 0, size, progress);
        if (!digest.equals(artifact.sha256())) {
            throw new PublishException(Reason.BUILD_DAMAGED, file + " has SHA-256 " + digest + ", but the signed"
                    + " manifest says " + artifact.sha256() + ": it changed after signing or was damaged; rebuild it");
        }
    }
}
