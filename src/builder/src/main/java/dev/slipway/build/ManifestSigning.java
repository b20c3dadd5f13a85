package dev.slipway.build;

import dev.slipway.profile.Signing;
import dev.slipway.trust.cms.CmsSigner;
import dev.slipway.trust.cms.SigningException;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.manifest.Manifests;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes manifest.json (canonical JSON) and manifest.json.p7s, its detached CMS signature. The
 * signing time is the build's epoch, so the same key and inputs give the same signature bytes.
 */
final class ManifestSigning {

    private ManifestSigning() {
    }

    /**
     * Returns the manifest and signature files written into {@code work}.
     *
     * @param profileDirectory what a token URI's relative {@code pin-source} is relative to
     */
    static List<Path> write(Manifest manifest, Signing signing, Path profileDirectory, Path work,
                            BuildListener listener)
            throws IOException, BuildException {
        byte[] bytes = Manifests.toBytes(manifest);
        byte[] signature;
        try (SigningKey key = open(signing, profileDirectory)) {
            if (signing.isDevelopment()) {
                listener.warning("WARNING: signed with Slipway's DEVELOPMENT key (keys/development), which is public:"
                        + " nodes refuse such images unless their agent allows development keys. Set [signing] in"
                        + " the profile to sign for production (docs/trust.md).");
            }
            signature = CmsSigner.sign(key, bytes, Instant.ofEpochSecond(manifest.buildTime()));
        } catch (SigningException | TrustMaterialException e) {
            throw new BuildException("signing the manifest failed: " + e.getMessage());
        }
        Path manifestFile = Files.write(work.resolve(Manifest.FILE_NAME), bytes);
        Path signatureFile = Files.write(work.resolve(Manifest.SIGNATURE_FILE_NAME), signature);
        return List.of(manifestFile, signatureFile);
    }

    private static SigningKey open(Signing signing, Path profileDirectory)
            throws IOException, SigningException, TrustMaterialException {
        if (signing.isDevelopment()) {
            return SigningKeys.open(SigningKeys.DEVELOPMENT, null, List.of(), null);
        }
        return SigningKeys.open(signing.key(), signing.certificate(), signing.chain(), profileDirectory);
    }
}
