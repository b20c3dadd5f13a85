package dev.slipway.trust.policy;

import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.pki.Crls;
import dev.slipway.trust.policy.VerificationException.Reason;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Slipway's revocation rule: a certificate on the path is refused when a CRL from its issuer lists its
 * serial, whatever revocation date the CRL gives, because a leaked key can claim any signing time. A CRL
 * counts only if it names that issuer and the issuer's key, as found on the verified path, signed it; any
 * other CRL in the store is ignored. CRL freshness (nextUpdate) is not checked: channel metadata expiry is
 * what bounds how stale a host's view may be.
 */
final class Revocations {

    private static final int CRL_SIGN = 6;

    private Revocations() {
    }

    static void check(List<X509Certificate> path, List<X509CRL> crls) throws VerificationException {
        for (int i = 0; i + 1 < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = path.get(i + 1);
            for (X509CRL crl : crls) {
                if (!issuedBy(crl, issuer)) {
                    continue;
                }
                X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
                if (entry != null) {
                    throw new VerificationException(Reason.REVOKED, Certificates.subject(certificate) + " (serial "
                            + Certificates.serial(certificate) + ") is revoked: the CRL" + number(crl) + " of "
                            + Certificates.subject(issuer) + " lists it (revoked " + entry.getRevocationDate().toInstant()
                            + "); nothing it signed is trusted any more, whenever it was signed: sign again with a key"
                            + " that is not revoked");
                }
            }
        }
    }

    private static boolean issuedBy(X509CRL crl, X509Certificate issuer) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        boolean[] keyUsage = issuer.getKeyUsage();
        if (keyUsage != null && !keyUsage[CRL_SIGN]) {
            return false;
        }
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String number(X509CRL crl) {
        try {
            return " number " + Crls.number(crl);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
