package dev.slipway.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.repository.ChannelException.Reason;
import dev.slipway.trust.cms.CmsSigner;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerificationException;
import dev.slipway.trust.policy.VerifyOptions;
import dev.slipway.trust.testing.ThrowawayPki;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channel metadata signed by real keys, and each way a node must refuse it. */
class ChannelVerifierTest {

    private static final ChannelMetadata METADATA = ChannelMetadataJsonTest.METADATA;
    private static final Instant ISSUED = METADATA.issuedAt();
    private static final Instant NOW = ISSUED.plusSeconds(3600);

    @TempDir
    static Path dir;
    private static ThrowawayPki pki;
    private static ThrowawayPki other;

    @BeforeAll
    static void pkis() {
        pki = ThrowawayPki.create(dir.resolve("pki"), "Channel test");
        other = ThrowawayPki.create(dir.resolve("other"), "Another team");
    }

    @Test
    void goodSignatureAndFreshMetadataVerify() throws Exception {
        byte[] json = METADATA.toJson();
        byte[] p7s = sign(pki.signingKey(KeyRole.CHANNEL_SIGNING), json);
        assertEquals(METADATA, ChannelVerifier.verify(json, p7s, pki.trustStore(), VerifyOptions.PRODUCTION, NOW));
        assertEquals(METADATA, ChannelVerifier.verify("stable", json, p7s, pki.trustStore(), VerifyOptions.PRODUCTION,
                NOW));
    }

    @Test
    void tamperedMetadataFailsTheSignature() throws Exception {
        byte[] json = METADATA.toJson();
        byte[] p7s = sign(pki.signingKey(KeyRole.CHANNEL_SIGNING), json);
        byte[] tampered = new String(json, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"security-version\":3", "\"security-version\":9").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ChannelException e = refused(tampered, p7s, pki.trustStore(), VerifyOptions.PRODUCTION, NOW, Reason.BAD_SIGNATURE);
        assertEquals(VerificationException.Reason.DIGEST_MISMATCH, e.signatureReason().orElseThrow());
    }

    @Test
    void anImageSigningKeyCannotSignAChannel() throws Exception {
        byte[] json = METADATA.toJson();
        ChannelException e = refused(json, sign(pki.signingKey(KeyRole.IMAGE_SIGNING), json), pki.trustStore(),
                VerifyOptions.PRODUCTION, NOW, Reason.WRONG_ROLE);
        assertEquals(VerificationException.Reason.WRONG_ROLE, e.signatureReason().orElseThrow());
        assertTrue(e.getMessage().contains("may not sign channel metadata"), e.getMessage());
    }

    @Test
    void aKeyUnderAnotherRootIsUntrusted() throws Exception {
        byte[] json = METADATA.toJson();
        ChannelException e = refused(json, sign(other.signingKey(KeyRole.CHANNEL_SIGNING), json), pki.trustStore(),
                VerifyOptions.PRODUCTION, NOW, Reason.UNTRUSTED);
        assertEquals(VerificationException.Reason.UNTRUSTED_CHAIN, e.signatureReason().orElseThrow());
    }

    @Test
    void expiredMetadataNamesBothTimesAndTheCure() throws Exception {
        byte[] json = METADATA.toJson();
        byte[] p7s = sign(pki.signingKey(KeyRole.CHANNEL_SIGNING), json);
        Instant expiry = METADATA.expiresAt();
        ChannelException e = refused(json, p7s, pki.trustStore(), VerifyOptions.PRODUCTION, expiry, Reason.EXPIRED);
        assertEquals("channel stable metadata version 4 expired at 2026-01-01T00:00:00Z (now 2026-01-01T00:00:00Z):"
                + " nobody has vouched for the channel since; its publisher must re-sign it with `slipway channel"
                + " refresh`", e.getMessage());
        assertTrue(e.signatureReason().isEmpty());
        assertEquals(METADATA, ChannelVerifier.verify(json, p7s, pki.trustStore(), VerifyOptions.PRODUCTION,
                expiry.minusSeconds(1)), "valid up to the second before");
    }

    @Test
    void metadataFromTheFutureIsRefusedBeyondTheSkew() throws Exception {
        byte[] json = METADATA.toJson();
        byte[] p7s = sign(pki.signingKey(KeyRole.CHANNEL_SIGNING), json);
        ChannelVerifier.verify(json, p7s, pki.trustStore(), VerifyOptions.PRODUCTION, ISSUED.minusSeconds(300));
        ChannelException e = refused(json, p7s, pki.trustStore(), VerifyOptions.PRODUCTION, ISSUED.minusSeconds(301),
                Reason.ISSUED_IN_FUTURE);
        assertTrue(e.getMessage().contains("issued at 2025-12-25T00:00:00Z, more than 5 minutes after this machine's"
                + " time (2025-12-24T23:54:59Z)"), e.getMessage());
    }

    @Test
    void developmentKeysOnlyWhereAllowed() throws Exception {
        byte[] json = METADATA.toJson();
        byte[] p7s;
        try (SigningKey key = SigningKeys.development(KeyRole.CHANNEL_SIGNING)) {
            p7s = sign(key, json);
        }
        TrustStore development = TrustStores.development();
        ChannelException e = refused(json, p7s, development, VerifyOptions.PRODUCTION, NOW,
                Reason.DEVELOPMENT_KEY_REFUSED);
        assertEquals(VerificationException.Reason.DEVELOPMENT_KEY_REFUSED, e.signatureReason().orElseThrow());
        assertEquals(METADATA, ChannelVerifier.verify(json, p7s, development, VerifyOptions.ALLOW_DEVELOPMENT, NOW));
        refused(json, p7s, pki.trustStore(), VerifyOptions.ALLOW_DEVELOPMENT, NOW, Reason.UNTRUSTED);
    }

    @Test
    void anotherChannelsFileIsRefused() throws Exception {
        byte[] json = METADATA.toJson();
        byte[] p7s = sign(pki.signingKey(KeyRole.CHANNEL_SIGNING), json);
        ChannelException e = assertThrows(ChannelException.class, () -> ChannelVerifier.verify("beta", json, p7s,
                pki.trustStore(), VerifyOptions.PRODUCTION, NOW));
        assertEquals(Reason.WRONG_CHANNEL, e.reason());
    }

    @Test
    void olderVersionsThanSeenAreReplays() throws ChannelException {
        ChannelVerifier.requireNotOlder(METADATA, 4);
        ChannelException e = assertThrows(ChannelException.class, () -> ChannelVerifier.requireNotOlder(METADATA, 5));
        assertEquals(Reason.ROLLBACK, e.reason());
    }

    @Test
    void signedButMalformedMetadataIsMalformed() throws Exception {
        byte[] json = "{\"type\":\"slipway/channel\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        refused(json, sign(pki.signingKey(KeyRole.CHANNEL_SIGNING), json), pki.trustStore(), VerifyOptions.PRODUCTION,
                NOW, Reason.MALFORMED);
    }

    private static byte[] sign(SigningKey key, byte[] json) throws Exception {
        return CmsSigner.sign(key, json, ISSUED);
    }

    private static ChannelException refused(byte[] json, byte[] p7s, TrustStore store, VerifyOptions options,
                                            Instant now, Reason reason) {
        ChannelException e = assertThrows(ChannelException.class,
                () -> ChannelVerifier.verify(json, p7s, store, options, now));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }
}
