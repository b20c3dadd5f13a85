package dev.slipway.trust.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.trust.testing.HostTools;
import dev.slipway.trust.testing.ThrowawayPki;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CA puts into roots, role certificates, cross-certificates and CRLs, read back by Java and openssl. */
class CertificateAuthorityTest {

    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";

    @TempDir
    static Path dir;
    private static ThrowawayPki pki;

    @BeforeAll
    static void createPki() {
        pki = ThrowawayPki.create(dir.resolve("pki"));
    }

    @Test
    void rootIsACriticalCaWithCertAndCrlSigningOnly() {
        X509Certificate root = pki.root().certificate();
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
        assertTrue(root.getCriticalExtensionOIDs().contains(BASIC_CONSTRAINTS));
        assertTrue(root.getCriticalExtensionOIDs().contains(KEY_USAGE));
        boolean[] usage = root.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertFalse(usage[0], "no digitalSignature");
        assertNull(root.getExtensionValue(EXTENDED_KEY_USAGE));
        assertTrue(Certificates.isSelfSigned(root));
        assertEquals("SHA256withRSA", root.getSigAlgName());
    }

    @Test
    void roleCertificatesCarryTheirOwnPurposeNonCritical() throws Exception {
        for (KeyRole role : KeyRole.values()) {
            X509Certificate certificate = pki.key(role).certificate();
            assertEquals(-1, certificate.getBasicConstraints());
            assertEquals(List.of(role.oid()), certificate.getExtendedKeyUsage());
            assertTrue(certificate.getNonCriticalExtensionOIDs().contains(EXTENDED_KEY_USAGE));
            assertTrue(certificate.getKeyUsage()[0]);
            assertEquals(java.util.Optional.of(role), KeyRole.of(certificate));
            assertTrue(Certificates.issued(pki.root().certificate(), certificate));
            assertEquals(3072, ((java.security.interfaces.RSAKey) certificate.getPublicKey()).getModulus().bitLength());
        }
        assertTrue(KeyRole.IMAGE_SIGNING.problemWith(pki.channelSigning().certificate()).orElseThrow()
                .contains("channel-signing certificate"));
        assertTrue(KeyRole.CHANNEL_SIGNING.problemWith(pki.root().certificate()).orElseThrow().contains("CA certificate"));
    }

    @Test
    void opensslShowsTheRolesAReviewerChecks() {
        HostTools.require("openssl", "openssl");
        String image = HostTools.check(List.of("openssl", "x509", "-noout", "-ext", "extendedKeyUsage,keyUsage", "-in",
                pki.file("image-signing.pem").toString()));
        assertTrue(image.contains("Code Signing"), image);
        assertTrue(image.contains("Digital Signature"), image);
        String channel = HostTools.check(List.of("openssl", "x509", "-noout", "-ext", "extendedKeyUsage,keyUsage", "-in",
                pki.file("channel-signing.pem").toString()));
        assertTrue(channel.contains(KeyRole.CHANNEL_SIGNING_OID), channel);
        assertFalse(channel.contains("Code Signing"), channel);
        String root = HostTools.check(List.of("openssl", "x509", "-noout", "-ext", "basicConstraints,keyUsage", "-in",
                pki.file("root.pem").toString()));
        assertTrue(root.contains("critical") && root.contains("CA:TRUE") && root.contains("Certificate Sign, CRL Sign"),
                root);
    }

    @Test
    void developmentValidityUsesGeneralizedTimeOnlyWhereRfc5280Requires() {
        CertificateAuthority root = CertificateAuthority.createRoot(Subjects.of(Subjects.DEVELOPMENT_ORGANIZATION,
                "time test"), Validity.DEVELOPMENT);
        X509Certificate certificate = root.certificate();
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), certificate.getNotBefore().toInstant());
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), certificate.getNotAfter().toInstant());
        String asn1 = HostTools.check(List.of("openssl", "asn1parse", "-inform", "DER", "-in",
                write("time.der", encoded(certificate)).toString()));
        assertTrue(asn1.contains("UTCTIME           :000101000000Z"), asn1);
        assertTrue(asn1.contains("GENERALIZEDTIME   :99991231235959Z"), asn1);
    }

    @Test
    void crossCertificateGivesTheNewRootsNameAndKeyUnderTheOldRoot() {
        CertificateAuthority newRoot = CertificateAuthority.createRoot(Subjects.of("Next", "Next root"),
                ThrowawayPki.VALIDITY);
        X509Certificate cross = pki.root().crossSign(newRoot.certificate(), ThrowawayPki.VALIDITY);
        assertEquals(newRoot.certificate().getSubjectX500Principal(), cross.getSubjectX500Principal());
        assertEquals(newRoot.certificate().getPublicKey(), cross.getPublicKey());
        assertEquals(pki.root().certificate().getSubjectX500Principal(), cross.getIssuerX500Principal());
        assertTrue(cross.getBasicConstraints() >= 0);
        assertTrue(Certificates.issued(pki.root().certificate(), cross));
        assertTrue(java.util.Arrays.equals(newRoot.certificate().getExtensionValue("2.5.29.14"),
                cross.getExtensionValue("2.5.29.14")), "same subject key identifier");
    }

    @Test
    void crlListsTheRevokedSerialsUnderAGrowingNumber() throws Exception {
        BigInteger serial = pki.imageSigning().certificate().getSerialNumber();
        Instant now = Instant.parse("2030-05-01T10:00:00Z");
        X509CRL next = Crls.next(pki.root(), pki.crl(), List.of(serial), now);
        assertEquals(BigInteger.TWO, Crls.number(next));
        assertEquals(List.of(new RevokedSerial(serial, now)), Crls.entries(next));
        next.verify(pki.root().certificate().getPublicKey());
        X509CRL again = Crls.next(pki.root(), next, List.of(serial), now.plusSeconds(60));
        assertEquals(BigInteger.valueOf(3), Crls.number(again));
        assertEquals(1, Crls.entries(again).size(), "a serial is listed once");
        String text = HostTools.check(List.of("openssl", "crl", "-noout", "-text", "-in",
                write("next.crl.pem", Pem.encode(next).getBytes()).toString()));
        assertTrue(text.contains(serial.toString(16).toUpperCase()), text);
    }

    @Test
    void aCaRefusesAKeyThatIsNotItsOwn() {
        var other = CertificateAuthority.createRoot(Subjects.of("Other", "Other root"), ThrowawayPki.VALIDITY);
        assertThrows(IllegalArgumentException.class,
                () -> new CertificateAuthority(pki.root().certificate(), other.privateKey()));
        assertThrows(IllegalArgumentException.class,
                () -> new CertificateAuthority(pki.imageSigning().certificate(), pki.imageSigning().privateKey()));
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return java.nio.file.Files.write(dir.resolve(name), bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
