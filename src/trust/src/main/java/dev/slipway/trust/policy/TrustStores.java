package dev.slipway.trust.policy;

import dev.slipway.trust.pki.DevelopmentKeys;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Where trust stores come from: the bundled development root, or PEM files. */
public final class TrustStores {

    private TrustStores() {
    }

    /** The bundled development root and its CRL: trusts exactly what {@code SigningKeys.development} signs. */
    public static TrustStore development() throws TrustMaterialException {
        return new TrustStore(List.of(DevelopmentKeys.root()), List.of(), List.of(DevelopmentKeys.rootCrl()));
    }

    /**
     * Reads a store from PEM files.
     *
     * @param roots    one file with one or more root certificates (a bundle)
     * @param rotation files with rotation cross-certificates; each may hold several
     * @param crls     CRL files; each may hold several
     */
    public static TrustStore load(Path roots, List<Path> rotation, List<Path> crls)
            throws IOException, TrustMaterialException {
        TrustStore base;
        try {
            base = new TrustStore(Pem.readCertificates(roots), List.of(), List.of());
        } catch (IllegalArgumentException e) {
            throw new TrustMaterialException(e.getMessage(), e);
        }
        return withFiles(base, rotation, crls);
    }

    /** {@code store} with the rotation certificates and CRLs of these PEM files added. */
    public static TrustStore withFiles(TrustStore store, List<Path> rotation, List<Path> crls)
            throws IOException, TrustMaterialException {
        List<X509Certificate> crossCertificates = new ArrayList<>(store.rotationCertificates());
        for (Path file : rotation) {
            crossCertificates.addAll(Pem.readCertificates(file));
        }
        List<X509CRL> lists = new ArrayList<>(store.crls());
        for (Path file : crls) {
            lists.addAll(Pem.readCrls(file));
        }
        try {
            return new TrustStore(store.roots(), crossCertificates, lists);
        } catch (IllegalArgumentException e) {
            throw new TrustMaterialException(e.getMessage(), e);
        }
    }
}
