package dev.slipway.trust.cms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.Subjects;
import dev.slipway.trust.policy.SignatureVerifier;
import dev.slipway.trust.policy.VerifiedSignature;
import dev.slipway.trust.policy.VerifyOptions;
import dev.slipway.trust.testing.HostTools;
import dev.slipway.trust.testing.ThrowawayPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing with keys generated inside SoftHSM2, through pkcs11: URIs and the JDK's SunPKCS11, with
 * openssl as the referee. The token lives under target/softhsm: SoftHSM reads SOFTHSM2_CONF when the JVM
 * first loads it, so src/trust/pom.xml sets it (and the PIN variable) for the test JVM.
 */
class SoftHsmTest {

    private static final String MODULE = Pkcs11Uri.DEFAULT_MODULE.toString();
    private static final String TOKEN = "slipway-test";
    private static final String PIN = "1234";
    private static final String IMAGE_LABEL = "image-signing";
    private static final String CHANNEL_LABEL = "channel-signing";

    @TempDir
    static Path shared;
    private static ThrowawayPki pki;
    private static long slotId;
    private static X509Certificate imageCertificate;
    private static Path channelCertificate;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTokenWithKeysAndCertificates() throws Exception {
        HostTools.require("softhsm2-util", "softhsm2");
        HostTools.require("pkcs11-tool", "opensc");
        HostTools.require("openssl", "openssl");
        if (!Files.isRegularFile(Pkcs11Uri.DEFAULT_MODULE)) {
            fail(MODULE + " is missing: apt-get install -y --no-install-recommends softhsm2");
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || !conf.contains("target")) {
            fail("SOFTHSM2_CONF must point into target/ before the JVM starts; run the test through Maven, whose"
                    + " surefire configuration in src/trust/pom.xml sets it (it is " + conf + ")");
        }
        if (!PIN.equals(System.getenv(Pkcs11SigningKey.PIN_VARIABLE))) {
            fail(Pkcs11SigningKey.PIN_VARIABLE + " must be " + PIN + " for this test; src/trust/pom.xml sets it");
        }
        Path tokens = Path.of(conf).resolveSibling("tokens");
        deleteRecursively(tokens);
        Files.createDirectories(tokens);
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\n");
        String init = HostTools.check(List.of("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN,
                "--so-pin", "5678"));
        Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(init);
        assertTrue(slot.find(), init);
        slotId = Long.parseLong(slot.group(1));

        pki = ThrowawayPki.create(shared.resolve("pki"), "HSM test");
        PublicKey imageKey = generateInToken(IMAGE_LABEL, "01");
        imageCertificate = pki.root().issue(KeyRole.IMAGE_SIGNING, Subjects.of("HSM test", "HSM image signing"), imageKey,
                ThrowawayPki.VALIDITY);
        writeToToken(imageCertificate, IMAGE_LABEL, "01");

        // The token keeps an image-signing certificate for this key; callers replace it with the channel one.
        PublicKey channelKey = generateInToken(CHANNEL_LABEL, "02");
        writeToToken(pki.root().issue(KeyRole.IMAGE_SIGNING, Subjects.of("HSM test", "placeholder"), channelKey,
                ThrowawayPki.VALIDITY), CHANNEL_LABEL, "02");
        channelCertificate = shared.resolve("channel.pem");
        Pem.writeNew(channelCertificate, pki.root().issue(KeyRole.CHANNEL_SIGNING,
                Subjects.of("HSM test", "HSM channel signing"), channelKey, ThrowawayPki.VALIDITY));
    }

    @Test
    void opensslAcceptsWhatTheTokenSignedAndSigningTwiceGivesTheSameBytes() throws Exception {
        byte[] first;
        byte[] second;
        try (SigningKey key = SigningKeys.open("pkcs11:token=" + TOKEN + ";object=" + IMAGE_LABEL + "?module-path="
                + MODULE + "&pin-value=" + PIN, null, List.of(), dir)) {
            assertEquals(imageCertificate, key.certificate());
            first = CmsSigner.sign(key, CmsSignerTest.CONTENT, CmsSignerTest.SIGNED_AT);
        }
        try (SigningKey key = SigningKeys.open("pkcs11:token=" + TOKEN + ";object=" + IMAGE_LABEL, null, List.of(), dir)) {
            second = CmsSigner.sign(key, CmsSignerTest.CONTENT, CmsSignerTest.SIGNED_AT);
        }
        assertArrayEquals(first, second);
        Path content = Files.write(dir.resolve("manifest.json"), CmsSignerTest.CONTENT);
        Path signature = Files.write(dir.resolve("manifest.json.p7s"), first);
        var openssl = HostTools.opensslVerify(content, signature, pki.file("root.pem"));
        assertEquals(0, openssl.exitCode(), openssl.output());
        VerifiedSignature verified = SignatureVerifier.verify(CmsSignerTest.CONTENT, first, KeyRole.IMAGE_SIGNING,
                pki.trustStore(), VerifyOptions.PRODUCTION);
        assertEquals(imageCertificate, verified.signer());
    }

    @Test
    void aCertificateFromAFileReplacesTheTokensOwn() throws Exception {
        Files.writeString(dir.resolve("pin"), PIN + "\n");
        try (SigningKey key = SigningKeys.open(KeyRole.CHANNEL_SIGNING, "pkcs11:token=" + TOKEN + ";slot-id=" + slotId
                + ";object=" + CHANNEL_LABEL + "?pin-source=pin", channelCertificate, List.of(), dir)) {
            byte[] cms = CmsSigner.sign(key, CmsSignerTest.CONTENT, CmsSignerTest.SIGNED_AT);
            VerifiedSignature verified = SignatureVerifier.verify(CmsSignerTest.CONTENT, cms, KeyRole.CHANNEL_SIGNING,
                    pki.trustStore(), VerifyOptions.PRODUCTION);
            assertEquals(Pem.readCertificate(channelCertificate), verified.signer());
        }
        var placeholder = assertThrows(SigningException.class, () -> SigningKeys.open(KeyRole.CHANNEL_SIGNING,
                "pkcs11:token=" + TOKEN + ";object=" + CHANNEL_LABEL, null, List.of(), dir));
        assertTrue(placeholder.getMessage().contains("cannot be used for channel signing"), placeholder.getMessage());
    }

    @Test
    void failuresSayWhatToDo() {
        assertFailure("pkcs11:token=" + TOKEN + ";object=" + IMAGE_LABEL + "?pin-value=0000", null, "check the PIN");
        assertFailure("pkcs11:token=" + TOKEN + ";object=missing", null, "keys it offers: [" + CHANNEL_LABEL + ", "
                + IMAGE_LABEL + "]");
        assertFailure("pkcs11:token=" + TOKEN + ";object=" + IMAGE_LABEL + "?module-path=/nonexistent/p11.so", null,
                "install the HSM vendor's PKCS#11 module");
        assertFailure("pkcs11:slot-id=12345;object=" + IMAGE_LABEL, null, "holds no usable token");
        assertFailure("pkcs11:token=" + TOKEN + ";object=" + IMAGE_LABEL, channelCertificate, "is not for the key");
    }

    private void assertFailure(String uri, Path certificate, String expected) {
        var e = assertThrows(SigningException.class, () -> SigningKeys.open(KeyRole.IMAGE_SIGNING, uri, certificate,
                List.of(), dir));
        assertTrue(e.getMessage().contains(expected), uri + ": " + e.getMessage());
        assertTrue(!e.getMessage().contains("pin-value=0000"), e.getMessage());
    }

    private static PublicKey generateInToken(String label, String id) throws Exception {
        HostTools.check(List.of("pkcs11-tool", "--module", MODULE, "--token-label", TOKEN, "--login", "--pin", PIN,
                "--keypairgen", "--key-type", "rsa:3072", "--label", label, "--id", id));
        Path der = shared.resolve(label + ".pub.der");
        HostTools.check(List.of("pkcs11-tool", "--module", MODULE, "--token-label", TOKEN, "--read-object", "--type",
                "pubkey", "--id", id, "--output-file", der.toString()));
        Path pem = shared.resolve(label + ".pub.pem");
        HostTools.check(List.of("openssl", "pkey", "-pubin", "-inform", "DER", "-in", der.toString(), "-out",
                pem.toString()));
        return Pem.readPublicKey(pem);
    }

    private static void writeToToken(X509Certificate certificate, String label, String id) throws Exception {
        Path der = Files.write(shared.resolve(label + "-" + certificate.getSerialNumber() + ".der"),
                certificate.getEncoded());
        HostTools.check(List.of("pkcs11-tool", "--module", MODULE, "--token-label", TOKEN, "--login", "--pin", PIN,
                "--write-object", der.toString(), "--type", "cert", "--id", id, "--label", label));
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
