package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.trust.cms.CmsSigner;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.pki.Crls;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.RsaKeys;
import dev.slipway.trust.policy.SignatureVerifier;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerificationException;
import dev.slipway.trust.policy.VerifyOptions;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `slipway keys`: the files it writes, the refusals, and that what it makes verifies (or no longer does). */
class KeysCommandTest {

    private static final byte[] CONTENT = "manifest".getBytes();

    @TempDir
    Path dir;

    @Test
    void initWritesACompleteCaWithPrivateKeysOnlyForTheOwner() throws Exception {
        Path ca = dir.resolve("ca");
        Cli.Run run = Cli.run("keys", "init", ca.toString(), "--organization", "Example Fleet", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(7, json.get("files").size());
        assertEquals("Example Fleet", json.get("organization").asText());
        for (String key : List.of("root.key.pem", "image-signing.key.pem", "channel-signing.key.pem")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.resolve(key))), key);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ca)));
        X509Certificate image = Pem.readCertificate(ca.resolve("image-signing.pem"));
        assertEquals(List.of(KeyRole.CODE_SIGNING_OID), image.getExtendedKeyUsage());
        assertEquals(BigInteger.ONE, Crls.number(Pem.readCrl(ca.resolve("root.crl.pem"))));
        for (KeyRole role : KeyRole.values()) {
            try (SigningKey key = SigningKeys.open(role, role.fileStem() + ".key.pem", null, List.of(), ca)) {
                SignatureVerifier.verify(CONTENT, CmsSigner.sign(key, CONTENT, Instant.now()), role, store(ca),
                        VerifyOptions.PRODUCTION);
            }
        }

        String before = Files.readString(ca.resolve("root.key.pem"));
        Cli.Run again = Cli.run("keys", "init", ca.toString(), "--organization", "Example Fleet");
        assertEquals(ExitCode.INVALID_INPUT, again.exitCode());
        assertTrue(again.err().contains("never overwrites"), again.err());
        assertEquals(before, Files.readString(ca.resolve("root.key.pem")));
    }

    @Test
    void initNeedsAnOrganisationUnlessDevelopment() throws Exception {
        Cli.Run run = Cli.run("keys", "init", dir.resolve("a").toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().contains("--organization"), run.err());
        Cli.Run development = Cli.run("keys", "init", dir.resolve("dev").toString(), "--development", "-q");
        assertEquals(ExitCode.OK, development.exitCode(), development.err());
        X509Certificate root = Pem.readCertificate(dir.resolve("dev/root.pem"));
        assertTrue(root.getSubjectX500Principal().getName().contains("NOT FOR PRODUCTION"));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), root.getNotAfter().toInstant());
        assertEquals(ExitCode.USAGE, Cli.run("keys", "init").exitCode());
    }

    @Test
    void issueCertifiesAKeyFromElsewhereForTheRoleAsked() throws Exception {
        Path ca = init("ca");
        Path publicKey = dir.resolve("hsm.pub.pem");
        Files.writeString(publicKey, Pem.encode(RsaKeys.generate().getPublic()));
        Path out = dir.resolve("hsm-channel.pem");
        Cli.Run run = Cli.run("keys", "issue", "--ca", ca.toString(), "--role", "channel", "--public-key",
                publicKey.toString(), "--subject", "HSM channel signing", "--out", out.toString(), "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        X509Certificate certificate = Pem.readCertificate(out);
        assertEquals(List.of(KeyRole.CHANNEL_SIGNING_OID), certificate.getExtendedKeyUsage());
        assertEquals("CN=HSM channel signing,O=Test CA ca", certificate.getSubjectX500Principal().getName());
        assertEquals(new ObjectMapper().readTree(run.out()).get("serial").asText(), certificate.getSerialNumber().toString(16));

        assertEquals(ExitCode.INVALID_INPUT, Cli.run("keys", "issue", "--ca", ca.toString(), "--role", "channel",
                "--public-key", publicKey.toString(), "--subject", "again", "--out", out.toString()).exitCode());
        Cli.Run badRole = Cli.run("keys", "issue", "--ca", ca.toString(), "--role", "root", "--public-key",
                publicKey.toString(), "--subject", "x", "--out", dir.resolve("x.pem").toString());
        assertEquals(ExitCode.INVALID_INPUT, badRole.exitCode());
        assertTrue(badRole.err().contains("use image"), badRole.err());
    }

    @Test
    void revokeMakesTheNextCrlAndVerifiersRefuseTheKey() throws Exception {
        Path ca = init("ca");
        byte[] signature;
        try (SigningKey key = SigningKeys.open("image-signing.key.pem", null, List.of(), ca)) {
            signature = CmsSigner.sign(key, CONTENT, Instant.now());
        }
        Cli.Run run = Cli.run("keys", "revoke", "--ca", ca.toString(), ca.resolve("image-signing.pem").toString(), "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(2, json.get("crlNumber").asInt());
        var e = org.junit.jupiter.api.Assertions.assertThrows(VerificationException.class, () -> SignatureVerifier.verify(
                CONTENT, signature, KeyRole.IMAGE_SIGNING, store(ca), VerifyOptions.PRODUCTION));
        assertEquals(VerificationException.Reason.REVOKED, e.reason());

        JsonNode again = new ObjectMapper().readTree(Cli.run("keys", "revoke", "--ca", ca.toString(),
                ca.resolve("image-signing.pem").toString(), "--json").out());
        assertEquals(3, again.get("crlNumber").asInt());
        assertEquals(1, again.get("alreadyRevoked").size());
        assertEquals(1, Crls.entries(Pem.readCrl(ca.resolve("root.crl.pem"))).size());

        Path other = init("other");
        Cli.Run foreign = Cli.run("keys", "revoke", "--ca", ca.toString(), other.resolve("image-signing.pem").toString());
        assertEquals(ExitCode.INVALID_INPUT, foreign.exitCode());
        assertTrue(foreign.err().contains("was not issued by"), foreign.err());
    }

    @Test
    void rotateLetsHostsThatTrustTheOldRootAcceptTheNewOne() throws Exception {
        Path old = init("old");
        Path next = init("next");
        Path cross = dir.resolve("cross.pem");
        Cli.Run run = Cli.run("keys", "rotate", "--ca", old.toString(), "--new-root", next.resolve("root.pem").toString(),
                "--out", cross.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        byte[] signature;
        try (SigningKey key = SigningKeys.open("image-signing.key.pem", null, List.of(), next)) {
            signature = CmsSigner.sign(key, CONTENT, Instant.now());
        }
        TrustStore rotated = TrustStores.load(old.resolve("root.pem"), List.of(cross), List.of(old.resolve("root.crl.pem")));
        assertEquals(3, SignatureVerifier.verify(CONTENT, signature, KeyRole.IMAGE_SIGNING, rotated,
                VerifyOptions.PRODUCTION).certificatePath().size());
        Cli.Run notARoot = Cli.run("keys", "rotate", "--ca", old.toString(), "--new-root",
                next.resolve("image-signing.pem").toString(), "--out", dir.resolve("bad.pem").toString());
        assertEquals(ExitCode.INVALID_INPUT, notARoot.exitCode());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("init", "issue", "revoke", "rotate")) {
            Cli.Run run = Cli.run("keys", command, "--help");
            assertEquals(ExitCode.OK, run.exitCode(), command);
            assertTrue(run.out().contains("Usage: slipway keys " + command), run.out());
        }
    }

    private Path init(String name) {
        Path ca = dir.resolve(name);
        Cli.Run run = Cli.run("keys", "init", ca.toString(), "--organization", "Test CA " + name, "-q");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        return ca;
    }

    private static TrustStore store(Path ca) throws Exception {
        return TrustStores.load(ca.resolve("root.pem"), List.of(), List.of(ca.resolve("root.crl.pem")));
    }
}
