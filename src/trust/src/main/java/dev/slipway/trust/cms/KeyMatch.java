package dev.slipway.trust.cms;

import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.pki.RsaKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;

/** Checks a private key against a certificate before any signature is made with the pair. */
final class KeyMatch {

    private static final byte[] PROBE = "slipway: does this key belong to this certificate?"
            .getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {
    }

    /**
     * Refuses a certificate whose public key is not the private key's half: signing with such a pair
     * would produce signatures nobody can verify, found out only on the hosts.
     */
    static void require(PrivateKey key, Provider provider, X509Certificate certificate, String keyDescription)
            throws SigningException {
        if (!matches(key, provider, certificate, keyDescription)) {
            throw new SigningException("the certificate " + Certificates.subject(certificate) + " (serial "
                    + Certificates.serial(certificate) + ") is not for the key " + keyDescription
                    + ": give the certificate issued for this key's public key");
        }
    }

    private static boolean matches(PrivateKey key, Provider provider, X509Certificate certificate,
                                   String keyDescription) throws SigningException {
        if (key instanceof RSAKey rsa && certificate.getPublicKey() instanceof RSAKey pub) {
            return rsa.getModulus().equals(pub.getModulus());
        }
        // A token may hide the modulus of a sensitive key: sign a probe there and verify it here instead.
        try {
            Signature signer = provider == null ? Signature.getInstance(RsaKeys.SIGNATURE_ALGORITHM)
                    : Signature.getInstance(RsaKeys.SIGNATURE_ALGORITHM, provider);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(RsaKeys.SIGNATURE_ALGORITHM);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot make a test signature with " + keyDescription + ": " + e.getMessage(), e);
        }
    }
}
