package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.trust.testing.ThrowawayPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path end to end: a profile whose [signing] names a key in a SoftHSM2 token, a
 * build in a fresh JVM (SoftHSM reads its configuration from the environment), and the result
 * verified by openssl and by `slipway verify --require-production` against the team's own root.
 */
class HsmSignedBuildTest {

    private static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String TOKEN = "release";
    private static final String PIN = "2468";

    @TempDir
    Path temp;

    private Map<String, String> environment;

    private String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
        return output;
    }

    @Test
    void aProfileSigningWithATokenKeyGivesAProductionSignatureOpensslAccepts() throws Exception {
        assertTrue(Files.isRegularFile(Path.of(MODULE)), MODULE + " is missing: apt-get install softhsm2 opensc");
        Path conf = temp.resolve("softhsm2.conf");
        Path tokens = Files.createDirectories(temp.resolve("tokens"));
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n");
        environment = Map.of("SOFTHSM2_CONF", conf.toString());
        ThrowawayPki pki = ThrowawayPki.create(temp.resolve("pki"), "Release team");
        run("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "97531");
        run("softhsm2-util", "--import", pki.file("image-signing.key.pem").toString(), "--token", TOKEN, "--label",
                "image-signing", "--id", "01", "--pin", PIN);
        Path certificateDer = temp.resolve("image-signing.der");
        run("openssl", "x509", "-in", pki.file("image-signing.pem").toString(), "-outform", "DER", "-out",
                certificateDer.toString());
        run("pkcs11-tool", "--module", MODULE, "--token-label", TOKEN, "--login", "--pin", PIN, "--write-object",
                certificateDer.toString(), "--type", "cert", "--id", "01", "--label", "image-signing");

        Path base = SmallTarImage.create(temp.resolve("profiles"), "hsm-base", "2.0");
        Files.writeString(temp.resolve("profiles/pin"), PIN + "\n");
        Path release = Files.writeString(temp.resolve("profiles/release.toml"), """
                extends = "hsm-base.toml"
                [image]
                security-version = 3
                [signing]
                kind = "pkcs11"
                uri = "pkcs11:token=%s;object=image-signing?pin-source=pin"
                certificate = "%s"
                """.formatted(TOKEN, pki.file("image-signing.pem")));
        assertTrue(Files.exists(base));
        Path out = temp.resolve("out");
        Cli.Run build = Cli.fork("", environment, null, List.of("build", release.toString(), "-o", out.toString(),
                "-q"));
        assertEquals(ExitCode.OK, build.exitCode(), build.err());
        assertFalse(build.err().contains("DEVELOPMENT"), build.err());

        run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-content", out.resolve("manifest.json").toString(),
                "-in", out.resolve("manifest.json.p7s").toString(), "-CAfile", pki.file("root.pem").toString(),
                "-purpose", "any", "-out", "/dev/null");
        Cli.Run verify = Cli.run("verify", out.toString(), "--trust", pki.file("root.pem").toString(),
                "--require-production");
        assertEquals(ExitCode.OK, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("security version 3"), verify.out());
        assertTrue(verify.out().contains("CN=" ) && verify.out().contains("Release team"), verify.out());
        Cli.Run withDevelopmentRoot = Cli.run("verify", out.toString());
        assertEquals(ExitCode.CHECK_FAILED, withDevelopmentRoot.exitCode(), withDevelopmentRoot.out());
        assertTrue(withDevelopmentRoot.out().contains("UNTRUSTED_CHAIN"), withDevelopmentRoot.out());
    }
}
