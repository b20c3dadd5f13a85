package dev.slipway.trust.pki;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** The one key type Slipway makes: RSA 3072, signed with SHA-256 and PKCS#1 v1.5 everywhere. */
public final class RsaKeys {

    /**
     * 3072 bits: about 128-bit security (NIST SP 800-57), supported by every HSM and by openssl, and the
     * size RSA needs to stay acceptable past 2030.
     */
    public static final int BITS = 3072;

    /** JCA name of the one signature algorithm: certificates, CRLs and CMS signatures all use it. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private RsaKeys() {
    }

    /** A fresh key pair from the platform's secure random source. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime cannot generate RSA keys", e);
        }
    }
}
