package dev.slipway.trust.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.trust.testing.HostTools;
import dev.slipway.trust.testing.ThrowawayPki;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files round-trip, are what openssl reads and writes, and keys are born 0600. */
class PemTest {

    @TempDir
    static Path shared;
    private static ThrowawayPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void createPki() {
        pki = ThrowawayPki.create(shared.resolve("pki"));
    }

    @Test
    void certificatesCrlsAndKeysRoundTrip() throws Exception {
        assertEquals(pki.root().certificate(), Pem.readCertificate(pki.file("root.pem")));
        assertEquals(pki.crl(), Pem.readCrl(pki.file("root.crl.pem")));
        assertEquals(pki.imageSigning().privateKey(), Pem.readPrivateKey(pki.file("image-signing.key.pem")));
        Path bundle = dir.resolve("bundle.pem");
        Pem.writeNew(bundle, pki.root().certificate(), pki.imageSigning().certificate());
        assertEquals(List.of(pki.root().certificate(), pki.imageSigning().certificate()), Pem.readCertificates(bundle));
    }

    @Test
    void privateKeysAreWrittenWithMode0600AndNeverOverwritten() throws Exception {
        Path key = dir.resolve("k.pem");
        Pem.writeNewPrivateKey(key, pki.channelSigning().privateKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertThrows(FileAlreadyExistsException.class, () -> Pem.writeNewPrivateKey(key, pki.root().privateKey()));
        assertEquals(pki.channelSigning().privateKey(), Pem.readPrivateKey(key));
    }

    @Test
    void readsWhatOpensslWrites() throws Exception {
        HostTools.require("openssl", "openssl");
        Path traditional = dir.resolve("traditional.pem");
        HostTools.check(List.of("openssl", "genrsa", "-traditional", "-out", traditional.toString(), "2048"));
        Path publicKey = dir.resolve("public.pem");
        HostTools.check(List.of("openssl", "pkey", "-in", traditional.toString(), "-pubout", "-out", publicKey.toString()));
        var key = (java.security.interfaces.RSAPrivateCrtKey) Pem.readPrivateKey(traditional);
        var pub = (java.security.interfaces.RSAPublicKey) Pem.readPublicKey(publicKey);
        assertEquals(key.getModulus(), pub.getModulus());
    }

    @Test
    void refusalsNameTheFileAndTheWayOut() throws Exception {
        Path encrypted = dir.resolve("encrypted.pem");
        HostTools.check(List.of("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                "-aes256", "-pass", "pass:secret", "-out", encrypted.toString()));
        var e = assertThrows(TrustMaterialException.class, () -> Pem.readPrivateKey(encrypted));
        assertTrue(e.getMessage().contains(encrypted.toString()) && e.getMessage().contains("encrypted"), e.getMessage());
        var none = assertThrows(TrustMaterialException.class, () -> Pem.readCertificate(pki.file("root.crl.pem")));
        assertTrue(none.getMessage().contains("no PEM certificate"), none.getMessage());
        Path bundle = dir.resolve("two.pem");
        Pem.writeNew(bundle, pki.root().certificate(), pki.imageSigning().certificate());
        var two = assertThrows(TrustMaterialException.class, () -> Pem.readCertificate(bundle));
        assertTrue(two.getMessage().contains("holds 2 certificates"), two.getMessage());
    }
}
