package dev.slipway.trust.policy;

import dev.slipway.trust.pki.KeyRole;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A signature that passed every check.
 *
 * @param signer          the signing certificate
 * @param certificatePath from the signer to the trusted root, both included
 * @param signingTime     the signed signing-time attribute, at which every certificate was checked
 * @param role            the role the signer was checked for
 * @param development     whether the path ends at the bundled development root
 */
public record VerifiedSignature(X509Certificate signer, List<X509Certificate> certificatePath, Instant signingTime,
                                KeyRole role, boolean development) {

    public VerifiedSignature {
        certificatePath = List.copyOf(certificatePath);
    }
}
