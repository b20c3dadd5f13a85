package dev.slipway.trust.policy;

import dev.slipway.trust.pki.Certificates;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verifier trusts: base roots (the anchors), rotation cross-certificates (a newer root's key vouched
 * for by an older root; they are candidates for a path, never anchors) and CRLs (which count only when a
 * CA on the path signed them).
 */
public record TrustStore(List<X509Certificate> roots, List<X509Certificate> rotationCertificates, List<X509CRL> crls) {

    public TrustStore {
        roots = List.copyOf(roots);
        rotationCertificates = List.copyOf(rotationCertificates);
        crls = List.copyOf(crls);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a trust store needs at least one root certificate");
        }
        for (X509Certificate root : roots) {
            if (root.getBasicConstraints() < 0) {
                throw new IllegalArgumentException(Certificates.subject(root) + " cannot be a root: it is not a CA"
                        + " certificate (no basicConstraints CA:TRUE)");
            }
        }
        for (X509Certificate cross : rotationCertificates) {
            if (cross.getBasicConstraints() < 0) {
                throw new IllegalArgumentException(Certificates.subject(cross) + " cannot be a rotation certificate:"
                        + " it is not a CA certificate; give the file `slipway keys rotate` wrote");
            }
        }
    }

    /** Trusts one more thing on top of this store, e.g. the development root on a test machine. */
    public TrustStore plus(TrustStore other) {
        return new TrustStore(union(roots, other.roots), union(rotationCertificates, other.rotationCertificates),
                union(crls, other.crls));
    }

    private static <T> List<T> union(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        second.stream().filter(item -> !all.contains(item)).forEach(all::add);
        return all;
    }
}
