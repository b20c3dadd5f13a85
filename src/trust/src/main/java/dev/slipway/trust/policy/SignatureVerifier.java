package dev.slipway.trust.policy;

import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.pki.DevelopmentKeys;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.TrustMaterialException;
import dev.slipway.trust.policy.VerificationException.Reason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks a detached CMS signature against Slipway's trust policy, in this order: well-formed with exactly
 * one signer; content and signature value; signed signing time; the signer's role; a PKIX path to a trusted
 * root with every certificate valid at the signing time; CRLs; development keys. The first failure ends
 * the check with a {@link VerificationException} saying which.
 *
 * <p>Certificates are checked at the signing time the signature carries, not at the verifier's clock, so an
 * image signed while its certificate was valid stays installable after the certificate expires. That time
 * is the signer's own claim: revocation, the manifest's security version and the channel's expiry are what
 * stop a leaked key (see docs/trust.md).
 */
public final class SignatureVerifier {

    private SignatureVerifier() {
    }

    public static VerifiedSignature verify(byte[] content, byte[] cms, KeyRole role, TrustStore store,
                                           VerifyOptions options) throws VerificationException {
        ParsedSignature signature = ParsedSignature.parse(cms, content);
        signature.verifyContent();
        Instant signingTime = signature.signingTime();
        X509Certificate signer = signature.signerCertificate();
        Optional<String> wrongRole = role.problemWith(signer);
        if (wrongRole.isPresent()) {
            throw new VerificationException(Reason.WRONG_ROLE, Certificates.subject(signer) + " (serial "
                    + Certificates.serial(signer) + ") may not sign " + role.signs() + ": " + wrongRole.get()
                    + ". Sign with a " + role.fileStem() + " certificate (`slipway keys issue --role "
                    + (role == KeyRole.IMAGE_SIGNING ? "image" : "channel") + "`)");
        }
        List<X509Certificate> path = CertificatePaths.build(signer, signature.certificates(), store, signingTime);
        Revocations.check(path, store.crls());
        X509Certificate root = path.getLast();
        boolean development = Certificates.sha256(root).equals(developmentRootFingerprint());
        if (development && !options.allowDevelopment()) {
            throw new VerificationException(Reason.DEVELOPMENT_KEY_REFUSED, "signed with a Slipway development key ("
                    + Certificates.subject(signer) + ", root " + Certificates.subject(root) + "); development keys are"
                    + " published with Slipway and prove nothing about who signed: sign with your own key (`slipway"
                    + " keys init`, docs/trust.md), or allow development signatures on test machines only");
        }
        return new VerifiedSignature(signer, path, signingTime, role, development);
    }

    private static String developmentRootFingerprint() {
        try {
            return DevelopmentKeys.rootFingerprint();
        } catch (TrustMaterialException e) {
            throw new IllegalStateException("slipway-trust was built without its development root: " + e.getMessage(), e);
        }
    }
}
