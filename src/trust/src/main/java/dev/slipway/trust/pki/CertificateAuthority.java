package dev.slipway.trust.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A root CA: its self-signed certificate and private key. It creates roots, issues image- and
 * channel-signing certificates, CRLs and rotation cross-certificates. Every time is given by the caller;
 * serial numbers are random.
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public CertificateAuthority {
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(Certificates.subject(certificate)
                    + " is not a CA certificate (no basicConstraints CA:TRUE): give the root's certificate");
        }
        if (privateKey instanceof RSAKey rsa && certificate.getPublicKey() instanceof RSAKey pub
                && !rsa.getModulus().equals(pub.getModulus())) {
            throw new IllegalArgumentException("the private key does not belong to " + Certificates.subject(certificate)
                    + ": give the key file written together with that certificate");
        }
    }

    /** A new self-signed root for {@code keys}: CA:TRUE (critical), keyCertSign and cRLSign, no EKU. */
    public static CertificateAuthority createRoot(X500Name subject, KeyPair keys, Validity validity) {
        var builder = new JcaX509v3CertificateBuilder(subject, newSerial(), time(validity.notBefore()),
                time(validity.notAfter()), subject, keys.getPublic());
        try {
            addCaConstraints(builder);
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode the root's extensions", e);
        }
    }

    /** A new root with a freshly generated RSA key. */
    public static CertificateAuthority createRoot(X500Name subject, Validity validity) {
        return createRoot(subject, RsaKeys.generate(), validity);
    }

    /**
     * A certificate for {@code role} over a public key this CA never sees the private half of, e.g. one
     * generated inside an HSM. End entity (CA:FALSE), keyUsage digitalSignature, the role's EKU.
     */
    public X509Certificate issue(KeyRole role, X500Name subject, PublicKey publicKey, Validity validity) {
        var builder = new JcaX509v3CertificateBuilder(issuerName(), newSerial(), time(validity.notBefore()),
                time(validity.notAfter()), subject, publicKey);
        try {
            JcaX509ExtensionUtils ids = extensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(role.oid()))));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ids.createAuthorityKeyIdentifier(certificate.getPublicKey()));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode the extensions for " + subject, e);
        }
        return sign(builder, privateKey);
    }

    /** A new RSA key pair and its certificate for {@code role}. */
    public CertifiedKey issue(KeyRole role, X500Name subject, Validity validity) {
        KeyPair keys = RsaKeys.generate();
        return new CertifiedKey(issue(role, subject, keys.getPublic(), validity), keys.getPrivate());
    }

    /**
     * The rotation certificate that makes verifiers which trust this (old) root also trust {@code newRoot}:
     * the new root's subject and public key, issued and signed by this root, CA:TRUE. Leaves issued by the
     * new root then chain to the old anchor through it.
     */
    public X509Certificate crossSign(X509Certificate newRoot, Validity validity) {
        if (newRoot.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(Certificates.subject(newRoot)
                    + " is not a CA certificate, so it cannot become a root: give the new root's certificate");
        }
        X500Name subject = X500Name.getInstance(newRoot.getSubjectX500Principal().getEncoded());
        var builder = new JcaX509v3CertificateBuilder(issuerName(), newSerial(), time(validity.notBefore()),
                time(validity.notAfter()), subject, newRoot.getPublicKey());
        try {
            JcaX509ExtensionUtils ids = extensionUtils();
            addCaConstraints(builder);
            // Leaves name their issuer's key by the new root's own key identifier, so repeat it verbatim.
            if (newRoot.getExtensionValue(Extension.subjectKeyIdentifier.getId()) != null) {
                builder.copyAndAddExtension(Extension.subjectKeyIdentifier, false, newRoot);
            } else {
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        ids.createSubjectKeyIdentifier(newRoot.getPublicKey()));
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ids.createAuthorityKeyIdentifier(certificate.getPublicKey()));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("cannot encode the cross-certificate's extensions", e);
        }
        return sign(builder, privateKey);
    }

    /**
     * A CRL listing {@code revoked}, numbered {@code number} (RFC 5280 wants it to grow with each CRL).
     * Verifiers refuse every listed serial whatever its revocation date.
     */
    public X509CRL issueCrl(BigInteger number, List<RevokedSerial> revoked, Instant thisUpdate, Instant nextUpdate) {
        var builder = new X509v2CRLBuilder(issuerName(), time(thisUpdate));
        builder.setNextUpdate(time(nextUpdate));
        for (RevokedSerial entry : revoked) {
            builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), null);
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensionUtils().createAuthorityKeyIdentifier(certificate.getPublicKey()));
            return new JcaX509CRLConverter().getCRL(builder.build(contentSigner(privateKey)));
        } catch (CertIOException | CRLException e) {
            throw new IllegalStateException("cannot build the CRL of " + Certificates.subject(certificate), e);
        }
    }

    private X500Name issuerName() {
        // The issuer must repeat the CA subject's exact encoding, or name matching in verifiers may fail.
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static void addCaConstraints(X509v3CertificateBuilder builder) throws CertIOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    /** RFC 5280's rule, which BouncyCastle's Time follows: UTCTime through 2049, GeneralizedTime after. */
    private static Time time(Instant instant) {
        return new Time(Date.from(instant));
    }

    /** Positive, 16 bytes, never zero: RFC 5280 allows at most 20 octets and wants serials unpredictable. */
    private static BigInteger newSerial() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x7f) | 0x40);
        return new BigInteger(1, bytes);
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-1 for key identifiers", e);
        }
    }

    private static ContentSigner contentSigner(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(RsaKeys.SIGNATURE_ALGORITHM).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalArgumentException("cannot sign with this CA key: " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner(key)));
        } catch (CertificateException e) {
            throw new IllegalStateException("the new certificate cannot be decoded", e);
        }
    }
}
