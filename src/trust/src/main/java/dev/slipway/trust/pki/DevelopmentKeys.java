package dev.slipway.trust.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/**
 * The development root, its CRL and the development signing keys, bundled in this jar from
 * {@code keys/development/}. They let anyone build and verify signed images without keys of their own;
 * verifiers report and, unless told otherwise, refuse what they sign. Never a production secret.
 */
public final class DevelopmentKeys {

    /** Where Maven puts {@code keys/development/} on the class path. */
    public static final String RESOURCE_DIRECTORY = "dev/slipway/trust/development/";

    private DevelopmentKeys() {
    }

    /** The development root certificate. */
    public static X509Certificate root() throws TrustMaterialException {
        return Pem.single(Pem.certificates(resource("root.pem"), source("root.pem")), source("root.pem"));
    }

    /** SHA-256 fingerprint of the development root: how verifiers recognise development signatures. */
    public static String rootFingerprint() throws TrustMaterialException {
        return Certificates.sha256(root());
    }

    /** The development root's CRL. */
    public static X509CRL rootCrl() throws TrustMaterialException {
        return Pem.crls(resource("root.crl.pem"), source("root.crl.pem")).getFirst();
    }

    /** The development signing key and certificate for {@code role}. */
    public static CertifiedKey key(KeyRole role) throws TrustMaterialException {
        String certificate = role.fileStem() + ".pem";
        String key = role.fileStem() + ".key.pem";
        return new CertifiedKey(Pem.single(Pem.certificates(resource(certificate), source(certificate)), source(certificate)),
                Pem.privateKey(resource(key), source(key)));
    }

    private static String source(String name) {
        return "classpath:" + RESOURCE_DIRECTORY + name;
    }

    private static String resource(String name) throws TrustMaterialException {
        try (InputStream in = DevelopmentKeys.class.getClassLoader().getResourceAsStream(RESOURCE_DIRECTORY + name)) {
            if (in == null) {
                throw new TrustMaterialException(source(name) + " is missing: the slipway-trust jar was built without"
                        + " keys/development/; rebuild it from a full Slipway checkout");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source(name), e);
        }
    }
}
