package dev.slipway.trust.cms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.trust.pki.DevelopmentKeys;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.testing.HostTools;
import dev.slipway.trust.testing.ThrowawayPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detached CMS signatures: deterministic, carrying the given signing time, and what openssl accepts. */
class CmsSignerTest {

    static final byte[] CONTENT = "{\"image\":\"test\",\"version\":\"1.0\"}\n".getBytes(StandardCharsets.UTF_8);
    static final Instant SIGNED_AT = Instant.parse("2031-02-03T04:05:06Z");

    @TempDir
    static Path shared;
    private static ThrowawayPki pki;
    private static ThrowawayPki stranger;

    @TempDir
    Path dir;

    @BeforeAll
    static void createPkis() {
        pki = ThrowawayPki.create(shared.resolve("pki"));
        stranger = ThrowawayPki.create(shared.resolve("stranger"), "Stranger");
    }

    @Test
    void signingTwiceGivesIdenticalBytes() throws Exception {
        SigningKey key = pki.signingKey(KeyRole.IMAGE_SIGNING);
        byte[] first = CmsSigner.sign(key, CONTENT, SIGNED_AT);
        byte[] second = CmsSigner.sign(key, CONTENT.clone(), SIGNED_AT);
        assertArrayEquals(first, second);
        assertNotEquals(java.util.Arrays.toString(first),
                java.util.Arrays.toString(CmsSigner.sign(key, CONTENT, SIGNED_AT.plusSeconds(1))));
    }

    @Test
    void theSignatureIsDetachedAndCarriesTheGivenSigningTimeAndTheCertificate() throws Exception {
        byte[] cms = CmsSigner.sign(pki.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT.plusMillis(700));
        CMSSignedData data = new CMSSignedData(cms);
        assertNull(data.getSignedContent());
        SignerInformation signer = data.getSignerInfos().getSigners().iterator().next();
        var time = signer.getSignedAttributes().get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0);
        assertEquals(SIGNED_AT, Time.getInstance(time).getDate().toInstant());
        assertTrue(signer.getSignedAttributes().get(CMSAttributes.contentType) != null);
        assertTrue(signer.getSignedAttributes().get(CMSAttributes.messageDigest) != null);
        assertEquals("2.16.840.1.101.3.4.2.1", signer.getDigestAlgOID());
        assertEquals(1, data.getCertificates().getMatches(null).stream().filter(signer.getSID()::match).count());
    }

    @Test
    void opensslAcceptsOurSignatureAndRefusesAFlippedByteAndAStrangersRoot() throws Exception {
        Path content = Files.write(dir.resolve("manifest.json"), CONTENT);
        Path signature = Files.write(dir.resolve("manifest.json.p7s"),
                CmsSigner.sign(pki.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT));
        var accepted = HostTools.opensslVerify(content, signature, pki.file("root.pem"));
        assertEquals(0, accepted.exitCode(), accepted.output());
        assertTrue(accepted.output().contains("Verification successful"), accepted.output());

        byte[] flipped = CONTENT.clone();
        flipped[5] ^= 0x01;
        Path changed = Files.write(dir.resolve("changed.json"), flipped);
        assertNotEquals(0, HostTools.opensslVerify(changed, signature, pki.file("root.pem")).exitCode());

        Path strangers = Files.write(dir.resolve("stranger.p7s"),
                CmsSigner.sign(stranger.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT));
        assertNotEquals(0, HostTools.opensslVerify(content, strangers, pki.file("root.pem")).exitCode());
    }

    @Test
    void opensslAcceptsTheDevelopmentKeysAgainstTheDevelopmentRoot() throws Exception {
        Path content = Files.write(dir.resolve("manifest.json"), CONTENT);
        Path root = dir.resolve("development-root.pem");
        Pem.writeNew(root, DevelopmentKeys.root());
        for (KeyRole role : KeyRole.values()) {
            try (SigningKey key = SigningKeys.development(role)) {
                Path signature = Files.write(dir.resolve(role.fileStem() + ".p7s"), CmsSigner.sign(key, CONTENT, SIGNED_AT));
                var result = HostTools.opensslVerify(content, signature, root);
                assertEquals(0, result.exitCode(), role + ": " + result.output());
            }
        }
    }

    @Test
    void openFindsKeysByTheProfilesSpec() throws Exception {
        try (SigningKey key = SigningKeys.open("image-signing.key.pem", null, List.of(), pki.directory())) {
            assertEquals(pki.imageSigning().certificate(), key.certificate());
        }
        try (SigningKey key = SigningKeys.open(KeyRole.CHANNEL_SIGNING, "channel-signing.key.pem",
                Path.of("channel-signing.pem"), List.of(Path.of("root.pem")), pki.directory())) {
            assertEquals(List.of(pki.root().certificate()), key.chain());
        }
        try (SigningKey key = SigningKeys.open(SigningKeys.DEVELOPMENT, null, List.of(), dir)) {
            assertEquals(DevelopmentKeys.key(KeyRole.IMAGE_SIGNING).certificate(), key.certificate());
        }
    }

    @Test
    void openRefusesAKeyForTheWrongRoleOrWithSomeoneElsesCertificate() {
        var wrongRole = assertThrows(SigningException.class,
                () -> SigningKeys.open("channel-signing.key.pem", null, List.of(), pki.directory()));
        assertTrue(wrongRole.getMessage().contains("cannot be used for image signing"), wrongRole.getMessage());
        var mismatch = assertThrows(SigningException.class, () -> SigningKeys.open("image-signing.key.pem",
                stranger.file("image-signing.pem"), List.of(), pki.directory()));
        assertTrue(mismatch.getMessage().contains("is not for the key"), mismatch.getMessage());
        var noCertificate = assertThrows(SigningException.class,
                () -> SigningKeys.open("root.key.pem.bak", null, List.of(), pki.directory()));
        assertTrue(noCertificate.getMessage().contains("no certificate given"), noCertificate.getMessage());
    }
}
