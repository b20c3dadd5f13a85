package dev.slipway.repository;

import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.policy.VerifiedSignature;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * A build output whose manifest signature verified and whose published files matched the manifest
 * when {@link BuildCheck} read them. The manifest and signature bytes are the ones verified, kept
 * in memory, so what is published is exactly what was checked.
 *
 * @param directory     the build's output directory
 * @param manifestBytes manifest.json as verified
 * @param signature     manifest.json.p7s as verified
 * @param usr           the /usr artifact, with its verity parameters
 * @param bootFiles     the kernel and initrd artifacts the manifest lists (either may be absent)
 */
record VerifiedBuild(Path directory, byte[] manifestBytes, byte[] signature, Manifest manifest,
                     VerifiedSignature verifiedSignature, Artifact usr, List<Artifact> bootFiles) {

    VerifiedBuild {
        bootFiles = List.copyOf(bootFiles);
    }

    String image() {
        return manifest.image().name();
    }

    String version() {
        return manifest.image().version();
    }

    /** {@code images/IMAGE/VERSION}. */
    String versionDirectory() {
        return RepositoryLayout.versionDirectory(image(), version());
    }

    String manifestSha256() {
        return HexFormat.of().formatHex(FramedPayload.sha256().digest(manifestBytes));
    }

    /** The release a channel offers for this build. */
    ChannelMetadata.Release release() {
        return new ChannelMetadata.Release(image(), version(), manifest.compatibility(), manifest.securityVersion(),
                versionDirectory(), manifestBytes.length, manifestSha256());
    }
}
