package dev.slipway.trust.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Small facts about certificates that messages, fingerprints and checks need. */
public final class Certificates {

    private Certificates() {
    }

    /** SHA-256 over the DER encoding, lower-case hex: what {@code openssl x509 -fingerprint -sha256} shows. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint " + subject(certificate), e);
        }
    }

    /** The subject as RFC 2253 text, e.g. {@code CN=Example root,O=Example}. */
    public static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /** The serial number in hex, the way openssl prints it. */
    public static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** Whether the certificate names itself as issuer and its own key verifies it. */
    public static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        return issued(certificate, certificate);
    }

    /** Whether {@code issuer}'s name and key account for {@code certificate}'s issuer and signature. */
    public static boolean issued(X509Certificate issuer, X509Certificate certificate) {
        if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
