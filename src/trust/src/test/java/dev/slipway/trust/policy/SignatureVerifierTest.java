package dev.slipway.trust.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.trust.cms.CmsSigner;
import dev.slipway.trust.cms.PemSigningKey;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.pki.CertificateAuthority;
import dev.slipway.trust.pki.CertifiedKey;
import dev.slipway.trust.pki.Crls;
import dev.slipway.trust.pki.DevelopmentKeys;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.Subjects;
import dev.slipway.trust.pki.Validity;
import dev.slipway.trust.policy.VerificationException.Reason;
import dev.slipway.trust.testing.ThrowawayPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust policy, one refusal reason at a time, and the signatures it must keep accepting. */
class SignatureVerifierTest {

    static final byte[] CONTENT = "{\"image\":\"base\",\"version\":\"7\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant SIGNED_AT = Instant.parse("2024-06-01T12:00:00Z");

    @TempDir
    static Path shared;
    static ThrowawayPki pki;
    static ThrowawayPki stranger;

    @BeforeAll
    static void createPkis() {
        pki = ThrowawayPki.create(shared.resolve("pki"), "Verifier test");
        stranger = ThrowawayPki.create(shared.resolve("stranger"), "Stranger");
    }

    @Test
    void acceptsAGoodSignatureAndReportsPathAndTime() throws Exception {
        byte[] cms = CmsSigner.sign(pki.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT);
        VerifiedSignature verified = SignatureVerifier.verify(CONTENT, cms, KeyRole.IMAGE_SIGNING, pki.trustStore(),
                VerifyOptions.PRODUCTION);
        assertEquals(pki.imageSigning().certificate(), verified.signer());
        assertEquals(List.of(pki.imageSigning().certificate(), pki.root().certificate()), verified.certificatePath());
        assertEquals(SIGNED_AT, verified.signingTime());
        assertFalse(verified.development());
    }

    @Test
    void refusesChangedContentAndForeignRoots() throws Exception {
        byte[] cms = CmsSigner.sign(pki.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT);
        byte[] flipped = CONTENT.clone();
        flipped[0] ^= 0x20;
        assertRefused(Reason.DIGEST_MISMATCH, flipped, cms, KeyRole.IMAGE_SIGNING, pki.trustStore(), "changed");
        byte[] foreign = CmsSigner.sign(stranger.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT);
        assertRefused(Reason.UNTRUSTED_CHAIN, CONTENT, foreign, KeyRole.IMAGE_SIGNING, pki.trustStore(),
                "CN=Stranger image signing");
    }

    @Test
    void checksCertificatesAtTheSigningTimeNotTheClock() throws Exception {
        SigningKey shortLived = reissued(KeyRole.IMAGE_SIGNING, new Validity(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2021-01-01T00:00:00Z")));
        byte[] whileValid = CmsSigner.sign(shortLived, CONTENT, Instant.parse("2020-06-01T00:00:00Z"));
        VerifiedSignature verified = SignatureVerifier.verify(CONTENT, whileValid, KeyRole.IMAGE_SIGNING,
                pki.trustStore(), VerifyOptions.PRODUCTION);
        assertTrue(verified.signer().getNotAfter().toInstant().isBefore(Instant.now()), "expired by now, still accepted");

        byte[] afterExpiry = CmsSigner.sign(shortLived, CONTENT, Instant.parse("2021-01-01T00:00:01Z"));
        assertRefused(Reason.EXPIRED, CONTENT, afterExpiry, KeyRole.IMAGE_SIGNING, pki.trustStore(), "expired on 2021");

        SigningKey future = reissued(KeyRole.IMAGE_SIGNING, new Validity(Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2040-01-01T00:00:00Z")));
        byte[] early = CmsSigner.sign(future, CONTENT, SIGNED_AT);
        assertRefused(Reason.NOT_YET_VALID, CONTENT, early, KeyRole.IMAGE_SIGNING, pki.trustStore(), "valid from 2030");

        byte[] beforeRoot = CmsSigner.sign(pki.signingKey(KeyRole.IMAGE_SIGNING), CONTENT,
                Instant.parse("2019-12-31T23:59:59Z"));
        assertRefused(Reason.NOT_YET_VALID, CONTENT, beforeRoot, KeyRole.IMAGE_SIGNING, pki.trustStore(), "serial");
    }

    @Test
    void keepsTheRolesApart() throws Exception {
        byte[] byChannelKey = CmsSigner.sign(pki.signingKey(KeyRole.CHANNEL_SIGNING), CONTENT, SIGNED_AT);
        assertRefused(Reason.WRONG_ROLE, CONTENT, byChannelKey, KeyRole.IMAGE_SIGNING, pki.trustStore(),
                "channel-signing certificate");
        SignatureVerifier.verify(CONTENT, byChannelKey, KeyRole.CHANNEL_SIGNING, pki.trustStore(), VerifyOptions.PRODUCTION);

        byte[] byImageKey = CmsSigner.sign(pki.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT);
        assertRefused(Reason.WRONG_ROLE, CONTENT, byImageKey, KeyRole.CHANNEL_SIGNING, pki.trustStore(),
                "image-signing certificate");

        SigningKey root = PemSigningKey.of(pki.root().privateKey(), pki.root().certificate(), List.of(), "root");
        byte[] byRoot = CmsSigner.sign(root, CONTENT, SIGNED_AT);
        for (KeyRole role : KeyRole.values()) {
            assertRefused(Reason.WRONG_ROLE, CONTENT, byRoot, role, pki.trustStore(), "CA certificate");
        }
    }

    @Test
    void refusesRevokedKeysWhateverTheRevocationDate() throws Exception {
        byte[] cms = CmsSigner.sign(pki.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT);
        X509Certificate leaf = pki.imageSigning().certificate();
        X509CRL revokedLater = Crls.next(pki.root(), pki.crl(), List.of(leaf.getSerialNumber()),
                SIGNED_AT.plusSeconds(86_400 * 365));
        TrustStore store = new TrustStore(List.of(pki.root().certificate()), List.of(), List.of(revokedLater));
        assertRefused(Reason.REVOKED, CONTENT, cms, KeyRole.IMAGE_SIGNING, store, "CRL number 2");

        CertificateAuthority impostor = CertificateAuthority.createRoot(
                Subjects.of("Verifier test", "Verifier test root"), ThrowawayPki.VALIDITY);
        X509CRL forged = Crls.next(impostor, pki.crl(), List.of(leaf.getSerialNumber()), SIGNED_AT);
        SignatureVerifier.verify(CONTENT, cms, KeyRole.IMAGE_SIGNING,
                new TrustStore(List.of(pki.root().certificate()), List.of(), List.of(forged)), VerifyOptions.PRODUCTION);
    }

    @Test
    void trustsANewRootThroughItsRotationCertificateOnly() throws Exception {
        CertificateAuthority next = CertificateAuthority.createRoot(Subjects.of("Verifier test", "Verifier test root 2"),
                ThrowawayPki.VALIDITY);
        X509Certificate cross = pki.root().crossSign(next.certificate(), ThrowawayPki.VALIDITY);
        CertifiedKey leaf = next.issue(KeyRole.IMAGE_SIGNING, Subjects.of("Verifier test", "image signing 2"),
                ThrowawayPki.VALIDITY);
        SigningKey key = PemSigningKey.of(leaf.privateKey(), leaf.certificate(), List.of(next.certificate()), "leaf 2");
        byte[] cms = CmsSigner.sign(key, CONTENT, SIGNED_AT);

        TrustStore rotated = new TrustStore(List.of(pki.root().certificate()), List.of(cross), List.of(pki.crl()));
        VerifiedSignature verified = SignatureVerifier.verify(CONTENT, cms, KeyRole.IMAGE_SIGNING, rotated,
                VerifyOptions.PRODUCTION);
        assertEquals(List.of(leaf.certificate(), cross, pki.root().certificate()), verified.certificatePath());

        assertRefused(Reason.UNTRUSTED_CHAIN, CONTENT, cms, KeyRole.IMAGE_SIGNING, pki.trustStore(), "rotation certificate");

        X509CRL crossRevoked = Crls.next(pki.root(), pki.crl(), List.of(cross.getSerialNumber()), SIGNED_AT);
        assertRefused(Reason.REVOKED, CONTENT, cms, KeyRole.IMAGE_SIGNING,
                new TrustStore(List.of(pki.root().certificate()), List.of(cross), List.of(crossRevoked)), "Verifier test root 2");
    }

    @Test
    void reportsAndByDefaultRefusesDevelopmentKeys() throws Exception {
        byte[] cms;
        try (SigningKey key = SigningKeys.development(KeyRole.IMAGE_SIGNING)) {
            cms = CmsSigner.sign(key, CONTENT, SIGNED_AT);
        }
        TrustStore both = pki.trustStore().plus(TrustStores.development());
        assertRefused(Reason.DEVELOPMENT_KEY_REFUSED, CONTENT, cms, KeyRole.IMAGE_SIGNING, both, "NOT FOR PRODUCTION");
        VerifiedSignature verified = SignatureVerifier.verify(CONTENT, cms, KeyRole.IMAGE_SIGNING, both,
                VerifyOptions.ALLOW_DEVELOPMENT);
        assertTrue(verified.development());
        assertEquals(DevelopmentKeys.root(), verified.certificatePath().getLast());
        assertRefused(Reason.UNTRUSTED_CHAIN, CONTENT, cms, KeyRole.IMAGE_SIGNING, pki.trustStore(), "development");

        byte[] ours = CmsSigner.sign(pki.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT);
        assertFalse(SignatureVerifier.verify(CONTENT, ours, KeyRole.IMAGE_SIGNING, both, VerifyOptions.ALLOW_DEVELOPMENT)
                .development());
    }

    @Test
    void loadsTrustStoresFromPemFiles() throws Exception {
        CertificateAuthority next = CertificateAuthority.createRoot(Subjects.of("Verifier test", "Verifier test root 3"),
                ThrowawayPki.VALIDITY);
        Path bundle = shared.resolve("roots.pem");
        dev.slipway.trust.pki.Pem.writeNew(bundle, stranger.root().certificate(), pki.root().certificate());
        Path rotation = shared.resolve("cross.pem");
        dev.slipway.trust.pki.Pem.writeNew(rotation, pki.root().crossSign(next.certificate(), ThrowawayPki.VALIDITY));
        TrustStore store = TrustStores.load(bundle, List.of(rotation), List.of(pki.file("root.crl.pem"),
                stranger.file("root.crl.pem")));
        assertEquals(2, store.roots().size());
        assertEquals(2, store.crls().size());
        for (ThrowawayPki each : List.of(pki, stranger)) {
            SignatureVerifier.verify(CONTENT, CmsSigner.sign(each.signingKey(KeyRole.CHANNEL_SIGNING), CONTENT, SIGNED_AT),
                    KeyRole.CHANNEL_SIGNING, store, VerifyOptions.PRODUCTION);
        }
    }

    static void assertRefused(Reason reason, byte[] content, byte[] cms, KeyRole role, TrustStore store, String inMessage) {
        var e = assertThrows(VerificationException.class,
                () -> SignatureVerifier.verify(content, cms, role, store, VerifyOptions.PRODUCTION));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(inMessage), "message lacks '" + inMessage + "': " + e.getMessage());
    }

    /** The PKI's own key pair for {@code role}, under a certificate with other validity. */
    private static SigningKey reissued(KeyRole role, Validity validity) throws Exception {
        CertifiedKey original = pki.key(role);
        X509Certificate certificate = pki.root().issue(role,
                Subjects.of("Verifier test", "reissued " + role.fileStem()), original.certificate().getPublicKey(), validity);
        return PemSigningKey.of(original.privateKey(), certificate, List.of(), "reissued");
    }
}
