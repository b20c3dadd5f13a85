package dev.slipway.profile;

import static dev.slipway.profile.ProfileFiles.DEBIAN_BASE;
import static dev.slipway.profile.ProfileFiles.failsAt;
import static dev.slipway.profile.ProfileFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The [signing] table: development keys by default, a key file or a token key when a profile says so. */
class SigningTableTest {

    @TempDir
    Path dir;

    @Test
    void developmentKeysUnlessTheProfileNamesOthers() throws Exception {
        Profile profile = Profiles.resolve(write(dir, "base.toml", DEBIAN_BASE)).profile();
        assertEquals(Signing.DEVELOPMENT, profile.signing());
        assertTrue(profile.signing().isDevelopment());
        assertEquals(1, profile.image().securityVersion());
    }

    @Test
    void keyFilePathsAreRelativeToTheOverlayThatSetsThem() throws Exception {
        write(dir, "base.toml", DEBIAN_BASE);
        Path production = write(dir, "teams/production.toml", """
                extends = "../base.toml"
                [image]
                security-version = 7
                compatibility = "slipway/aks-node/x86_64"
                [signing]
                kind = "file"
                key = "secrets/image.key.pem"
                certificate = "certs/image.pem"
                chain = ["certs/intermediate.pem"]
                """);
        Profile profile = Profiles.resolve(production).profile();
        Path teams = dir.resolve("teams");
        assertEquals(new Signing("file", teams.resolve("secrets/image.key.pem").toString(),
                teams.resolve("certs/image.pem"), List.of(teams.resolve("certs/intermediate.pem"))), profile.signing());
        assertEquals(7, profile.image().securityVersion());
        assertEquals("slipway/aks-node/x86_64", profile.image().compatibility());
    }

    @Test
    void aTokenKeyNeedsItsUriAndCertificate() throws Exception {
        Path file = write(dir, "hsm.toml", DEBIAN_BASE + """
                [signing]
                kind = "pkcs11"
                certificate = "image.pem"
                """);
        ProfileException e = failsAt(file, file, 9, "signing.uri");
        assertTrue(e.problem().contains("missing required key 'signing.uri'"), e.getMessage());
    }

    @Test
    void aKeyFileIsRefusedForDevelopmentKeys() throws Exception {
        Path file = write(dir, "mixed.toml", DEBIAN_BASE + """
                [signing]
                key = "image.key.pem"
                """);
        ProfileException e = failsAt(file, file, 10, "signing.key");
        assertTrue(e.problem().contains("does not apply when signing.kind = \"development\""), e.getMessage());
    }

    @Test
    void aUriThatIsNotPkcs11IsRefused() throws Exception {
        Path file = write(dir, "hsm.toml", DEBIAN_BASE + """
                [signing]
                kind = "pkcs11"
                uri = "token=slipway"
                certificate = "image.pem"
                """);
        ProfileException e = failsAt(file, file, 11, "signing.uri");
        assertTrue(e.problem().contains("PKCS#11 URI"), e.getMessage());
    }
}
