package dev.slipway.trust.testing;

import dev.slipway.trust.cms.PemSigningKey;
import dev.slipway.trust.cms.SigningException;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.pki.CertificateAuthority;
import dev.slipway.trust.pki.CertifiedKey;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.Subjects;
import dev.slipway.trust.pki.Validity;
import dev.slipway.trust.policy.TrustStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.List;

/**
 * A throwaway PKI for tests, in a directory laid out like `slipway keys init` writes it: root.pem,
 * root.key.pem, image-signing.pem/.key.pem, channel-signing.pem/.key.pem and an empty root.crl.pem. Valid
 * from 2020 to 2120, so openssl (which checks at the current time) accepts it too. Other modules' tests use
 * it through the slipway-trust test-jar.
 */
public record ThrowawayPki(Path directory, CertificateAuthority root, CertifiedKey imageSigning,
                           CertifiedKey channelSigning, X509CRL crl) {

    public static final Validity VALIDITY = new Validity(Instant.parse("2020-01-01T00:00:00Z"),
            Instant.parse("2120-01-01T00:00:00Z"));

    /** A fresh PKI named {@code organization}, written into {@code directory} (created if missing). */
    public static ThrowawayPki create(Path directory, String organization) {
        CertificateAuthority root = CertificateAuthority.createRoot(Subjects.of(organization, organization + " root"),
                VALIDITY);
        CertifiedKey image = root.issue(KeyRole.IMAGE_SIGNING, Subjects.of(organization, organization + " image signing"),
                VALIDITY);
        CertifiedKey channel = root.issue(KeyRole.CHANNEL_SIGNING,
                Subjects.of(organization, organization + " channel signing"), VALIDITY);
        X509CRL crl = root.issueCrl(BigInteger.ONE, List.of(), VALIDITY.notBefore(), VALIDITY.notAfter());
        try {
            Files.createDirectories(directory);
            Pem.writeNew(directory.resolve("root.pem"), root.certificate());
            Pem.writeNewPrivateKey(directory.resolve("root.key.pem"), root.privateKey());
            write(directory, KeyRole.IMAGE_SIGNING, image);
            write(directory, KeyRole.CHANNEL_SIGNING, channel);
            Pem.writeNew(directory.resolve("root.crl.pem"), crl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ThrowawayPki(directory, root, image, channel, crl);
    }

    private static void write(Path directory, KeyRole role, CertifiedKey key) throws IOException {
        Pem.writeNew(directory.resolve(role.fileStem() + ".pem"), key.certificate());
        Pem.writeNewPrivateKey(directory.resolve(role.fileStem() + ".key.pem"), key.privateKey());
    }

    /** A fresh PKI called "Throwaway test PKI". */
    public static ThrowawayPki create(Path directory) {
        return create(directory, "Throwaway test PKI");
    }

    /** A file of this PKI, e.g. {@code file("root.pem")}. */
    public Path file(String name) {
        return directory.resolve(name);
    }

    /** The certified key for {@code role}. */
    public CertifiedKey key(KeyRole role) {
        return role == KeyRole.IMAGE_SIGNING ? imageSigning : channelSigning;
    }

    /** A signing key for {@code role}, in memory. */
    public SigningKey signingKey(KeyRole role) {
        CertifiedKey key = key(role);
        try {
            return PemSigningKey.of(key.privateKey(), key.certificate(), List.of(), "throwaway " + role.fileStem());
        } catch (SigningException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts this PKI's root, with its (empty) CRL. */
    public TrustStore trustStore() {
        return new TrustStore(List.of(root.certificate()), List.of(), List.of(crl));
    }
}
