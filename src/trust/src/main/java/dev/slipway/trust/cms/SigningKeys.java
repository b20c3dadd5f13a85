package dev.slipway.trust.cms;

import dev.slipway.trust.pki.CertifiedKey;
import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.pki.DevelopmentKeys;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Opens signing keys from what a profile or command line says: "development", a pkcs11: URI or a PEM file. */
public final class SigningKeys {

    /** The spec that selects the bundled development key. */
    public static final String DEVELOPMENT = "development";

    private SigningKeys() {
    }

    /** The bundled development key for {@code role}; verifiers flag and by default refuse its signatures. */
    public static SigningKey development(KeyRole role) throws TrustMaterialException, SigningException {
        CertifiedKey key = DevelopmentKeys.key(role);
        return checked(role, PemSigningKey.of(key.privateKey(), key.certificate(), List.of(),
                "the Slipway development " + role.fileStem() + " key"));
    }

    /** {@link #open(KeyRole, String, Path, List, Path)} for image signing, what the builder does. */
    public static SigningKey open(String spec, Path certificate, List<Path> chain, Path baseDir)
            throws IOException, TrustMaterialException, SigningException {
        return open(KeyRole.IMAGE_SIGNING, spec, certificate, chain, baseDir);
    }

    /**
     * Opens the key {@code spec} names and checks its certificate carries {@code role}.
     *
     * @param spec        {@code development}, a {@code pkcs11:} URI, or a PEM private key file
     * @param certificate the signer's certificate file, or null: a token's own certificate, or for a key
     *                    file {@code NAME.key.pem} the {@code NAME.pem} beside it
     * @param chain       further certificate files to include in signatures
     * @param baseDir     what relative paths (also a URI's pin-source) are relative to, e.g. the profile's
     *                    directory
     */
    public static SigningKey open(KeyRole role, String spec, Path certificate, List<Path> chain, Path baseDir)
            throws IOException, TrustMaterialException, SigningException {
        Path base = baseDir == null ? Path.of("") : baseDir;
        List<Path> chainFiles = chain.stream().map(base::resolve).toList();
        if (spec.equals(DEVELOPMENT)) {
            if (certificate != null || !chain.isEmpty()) {
                throw new SigningException("the development key comes with its own certificate; remove the"
                        + " certificate and chain settings, or name your own key instead of \"development\"");
            }
            return development(role);
        }
        if (Pkcs11Uri.isPkcs11(spec)) {
            Pkcs11Uri uri;
            try {
                uri = Pkcs11Uri.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new SigningException(e.getMessage(), e);
            }
            X509Certificate signer = certificate == null ? null : Pem.readCertificate(base.resolve(certificate));
            List<X509Certificate> extra = new ArrayList<>();
            for (Path file : chainFiles) {
                extra.addAll(Pem.readCertificates(file));
            }
            return checked(role, Pkcs11SigningKey.open(uri, signer, extra, base));
        }
        Path key = base.resolve(spec);
        return checked(role, PemSigningKey.load(key, certificate == null ? certificateBeside(key) : base.resolve(certificate),
                chainFiles));
    }

    private static Path certificateBeside(Path key) throws SigningException {
        String name = key.getFileName().toString();
        if (!name.endsWith(".key.pem")) {
            throw new SigningException("no certificate given for the key " + key + ": name it, or call the key"
                    + " NAME.key.pem with its certificate NAME.pem beside it (as `slipway keys init` does)");
        }
        return key.resolveSibling(name.substring(0, name.length() - ".key.pem".length()) + ".pem");
    }

    /** Refuses, before anything is signed, a key whose certificate a verifier would refuse for the role. */
    private static SigningKey checked(KeyRole role, SigningKey key) throws SigningException {
        Optional<String> problem = role.problemWith(key.certificate());
        if (problem.isPresent()) {
            key.close();
            throw new SigningException("the key " + key.describe() + " cannot be used for " + role.describe()
                    + ": its certificate " + Certificates.subject(key.certificate()) + " is wrong for it because "
                    + problem.get());
        }
        return key;
    }
}
