package dev.slipway.trust.cms;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;

/**
 * A private key that signs, wherever it lives (a PEM file, an HSM), with the certificate that vouches for
 * it. {@link CmsSigner} depends only on this, so a new key store means a new implementation, nothing else.
 */
public interface SigningKey extends AutoCloseable {

    /** The signer's certificate; its public key belongs to this key. */
    X509Certificate certificate();

    /** Certificates to include besides the signer's (intermediates, a newer root); may be empty. */
    List<X509Certificate> chain();

    /** A fresh SHA256withRSA signer for one signature: BouncyCastle's signers are single-use streams. */
    ContentSigner contentSigner() throws SigningException;

    /** Where the key lives, for messages: a file path or a {@code pkcs11:} URI without its PIN. */
    String describe();

    /** Releases the key's session; a file key holds nothing. */
    @Override
    default void close() {
    }
}
