package dev.slipway.trust.cms;

import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.RsaKeys;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A signing key held in memory, read from PEM files (or the bundled development keys). */
public record PemSigningKey(X509Certificate certificate, List<X509Certificate> chain, PrivateKey privateKey,
                            String describe) implements SigningKey {

    public PemSigningKey {
        chain = List.copyOf(chain);
    }

    /**
     * Reads a private key (PKCS#8 or traditional RSA PEM), its certificate and the chain files (each may
     * hold several certificates), and checks that key and certificate belong together.
     */
    public static PemSigningKey load(Path key, Path certificate, List<Path> chain)
            throws IOException, TrustMaterialException, SigningException {
        PrivateKey privateKey = Pem.readPrivateKey(key);
        X509Certificate signer = Pem.readCertificate(certificate);
        List<X509Certificate> extra = new ArrayList<>();
        for (Path file : chain) {
            extra.addAll(Pem.readCertificates(file));
        }
        return of(privateKey, signer, extra, key.toString());
    }

    /** A key already in memory, checked against its certificate. */
    public static PemSigningKey of(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain,
                                   String description) throws SigningException {
        KeyMatch.require(key, null, certificate, description);
        return new PemSigningKey(certificate, chain, key, description);
    }

    @Override
    public ContentSigner contentSigner() throws SigningException {
        try {
            return new JcaContentSignerBuilder(RsaKeys.SIGNATURE_ALGORITHM).build(privateKey);
        } catch (OperatorCreationException e) {
            throw new SigningException("cannot sign with " + describe + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        // The record's default would print the private key.
        return "PemSigningKey[" + describe + "]";
    }
}
