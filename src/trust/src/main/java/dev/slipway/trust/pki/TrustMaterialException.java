package dev.slipway.trust.pki;

/**
 * A key, certificate or CRL cannot be used as given: the file is not the expected PEM, the key does not
 * match its certificate, a certificate has the wrong role. The message names the file or subject and says
 * what to do.
 */
public class TrustMaterialException extends Exception {

    public TrustMaterialException(String message) {
        super(message);
    }

    public TrustMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
