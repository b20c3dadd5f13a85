package dev.slipway.trust.policy;

import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.policy.VerificationException.Reason;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the signer's certificate path with the JDK's PKIX builder, every certificate checked at the signing
 * time. When PKIX finds no path it does not say why, so a second, name-and-key-only search finds the path
 * PKIX would have used and names the certificate that broke it.
 */
final class CertificatePaths {

    /** Deeper than any Slipway PKI (leaf, cross-certificates, root); stops loops in hostile input. */
    private static final int MAX_DEPTH = 8;

    private CertificatePaths() {
    }

    /** The path from {@code signer} to a root of {@code store}, both included. */
    static List<X509Certificate> build(X509Certificate signer, List<X509Certificate> included, TrustStore store,
                                       Instant signingTime) throws VerificationException {
        List<X509Certificate> pool = new ArrayList<>(included);
        pool.addAll(store.rotationCertificates());
        List<X509Certificate> path;
        try {
            Set<TrustAnchor> anchors = new LinkedHashSet<>();
            store.roots().forEach(root -> anchors.add(new TrustAnchor(root, null)));
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            // Revocation is our own CRL check, which also covers CRLs the JDK would fetch from the network.
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(signingTime));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            var result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            path = new ArrayList<>();
            for (Certificate certificate : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) certificate);
            }
            path.add(result.getTrustAnchor().getTrustedCert());
        } catch (CertPathBuilderException e) {
            throw explain(signer, pool, store, signingTime, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's PKIX implementation is unavailable", e);
        }
        // PKIX treats anchors as timeless; our policy holds the root to its validity like any certificate.
        requireValid(path.getLast(), signingTime);
        return path;
    }

    private static VerificationException explain(X509Certificate signer, List<X509Certificate> pool, TrustStore store,
                                                 Instant signingTime, CertPathBuilderException failure) {
        Optional<List<X509Certificate>> path = search(signer, pool, store.roots(), List.of(signer));
        if (path.isEmpty()) {
            List<String> roots = store.roots().stream().map(Certificates::subject).toList();
            return new VerificationException(Reason.UNTRUSTED_CHAIN, "no chain of certificates leads from "
                    + Certificates.subject(signer) + " (issued by " + signer.getIssuerX500Principal().getName()
                    + ") to a trusted root " + roots + ": the key belongs to another PKI, or was issued under a new"
                    + " root whose rotation certificate (`slipway keys rotate`) the trust store lacks");
        }
        for (X509Certificate certificate : path.get()) {
            try {
                requireValid(certificate, signingTime);
            } catch (VerificationException e) {
                return e;
            }
        }
        return new VerificationException(Reason.UNTRUSTED_CHAIN, "the chain from " + Certificates.subject(signer)
                + " to " + Certificates.subject(path.get().getLast()) + " breaks a PKIX rule (" + failure.getMessage()
                + "): check the CA certificates' basicConstraints and keyUsage", failure);
    }

    /** Depth-first search by issuer name and signature only, ignoring time: where would the path be? */
    private static Optional<List<X509Certificate>> search(X509Certificate current, List<X509Certificate> pool,
                                                          List<X509Certificate> roots, List<X509Certificate> sofar) {
        for (X509Certificate root : roots) {
            if (Certificates.issued(root, current)) {
                List<X509Certificate> path = new ArrayList<>(sofar);
                path.add(root);
                return Optional.of(path);
            }
        }
        if (sofar.size() >= MAX_DEPTH) {
            return Optional.empty();
        }
        for (X509Certificate candidate : pool) {
            if (!sofar.contains(candidate) && !Certificates.isSelfSigned(candidate)
                    && Certificates.issued(candidate, current)) {
                List<X509Certificate> longer = new ArrayList<>(sofar);
                longer.add(candidate);
                Optional<List<X509Certificate>> found = search(candidate, pool, roots, longer);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    static void requireValid(X509Certificate certificate, Instant signingTime) throws VerificationException {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (signingTime.isBefore(notBefore)) {
            throw new VerificationException(Reason.NOT_YET_VALID, Certificates.subject(certificate) + " (serial "
                    + Certificates.serial(certificate) + ") is valid from " + notBefore + ", after the signing time "
                    + signingTime + ": the signer's clock or the time it was given is wrong, or the certificate was"
                    + " issued later than the signature claims; sign again with the correct time");
        }
        if (signingTime.isAfter(notAfter)) {
            throw new VerificationException(Reason.EXPIRED, Certificates.subject(certificate) + " (serial "
                    + Certificates.serial(certificate) + ") expired on " + notAfter + ", before the signing time "
                    + signingTime + ": a certificate signs nothing after it expires; sign again with a current"
                    + " certificate (`slipway keys issue`)");
        }
    }
}
