package dev.slipway.trust.cms;

/**
 * A signing key cannot be opened or used: a token that is missing or refuses the PIN, a key that does not
 * match its certificate, a certificate without the role asked for. The message names the key and what to do.
 */
public class SigningException extends Exception {

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
