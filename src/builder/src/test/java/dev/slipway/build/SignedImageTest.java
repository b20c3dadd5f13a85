package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.testing.Command;
import dev.slipway.testing.MountedImage;
import dev.slipway.trust.cms.CmsSigner;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.SignatureVerifier;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerificationException;
import dev.slipway.trust.policy.VerifyOptions;
import dev.slipway.trust.testing.ThrowawayPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default image's trust outputs, checked by peers: openssl for the signature, dpkg for the
 * SBOM, CycloneDX's schema, the kernel's EROFS mount for the SBOM inside /usr, and the by-hand
 * commands of docs/verify-by-hand.md run as written.
 */
class SignedImageTest {

    private static final Path DEVELOPMENT_ROOT = DefaultImage.REPO.resolve("keys/development/root.pem");

    @TempDir
    Path temp;

    private static Path out() {
        return DefaultImage.get().firstDirectory();
    }

    private static Command.Result openssl(Path content, Path signature, Path root) throws IOException {
        return Command.run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-content", content.toString(),
                "-in", signature.toString(), "-CAfile", root.toString(), "-purpose", "any", "-out", "/dev/null");
    }

    @Test
    void opensslAcceptsTheSignatureWithTheDevelopmentRoot() throws Exception {
        Command.Result result = openssl(out().resolve(Manifest.FILE_NAME), out().resolve(Manifest.SIGNATURE_FILE_NAME),
                DEVELOPMENT_ROOT);
        assertEquals(0, result.exitCode(), result.err());
        byte[] manifest = Files.readAllBytes(out().resolve(Manifest.FILE_NAME));
        var verified = SignatureVerifier.verify(manifest, Files.readAllBytes(out().resolve(Manifest.SIGNATURE_FILE_NAME)),
                KeyRole.IMAGE_SIGNING, TrustStores.development(), VerifyOptions.ALLOW_DEVELOPMENT);
        assertTrue(verified.development());
        assertEquals(Instant.ofEpochSecond(DefaultImage.get().first().record().epoch()), verified.signingTime());
    }

    @Test
    void aFlippedManifestByteFailsOpensslAndSlipway() throws Exception {
        byte[] manifest = Files.readAllBytes(out().resolve(Manifest.FILE_NAME));
        manifest[manifest.length / 2] ^= 0x04;
        Path edited = Files.write(temp.resolve(Manifest.FILE_NAME), manifest);
        Path signature = out().resolve(Manifest.SIGNATURE_FILE_NAME);
        assertNotEquals(0, openssl(edited, signature, DEVELOPMENT_ROOT).exitCode());
        VerificationException e = assertThrows(VerificationException.class, () -> SignatureVerifier.verify(manifest,
                Files.readAllBytes(signature), KeyRole.IMAGE_SIGNING, TrustStores.development(),
                VerifyOptions.ALLOW_DEVELOPMENT));
        assertEquals(VerificationException.Reason.DIGEST_MISMATCH, e.reason());
    }

    @Test
    void aSignatureFromAnotherRootFailsOpensslAndSlipway() throws Exception {
        ThrowawayPki other = ThrowawayPki.create(temp.resolve("other-pki"));
        Path manifest = out().resolve(Manifest.FILE_NAME);
        byte[] foreign = CmsSigner.sign(other.signingKey(KeyRole.IMAGE_SIGNING), Files.readAllBytes(manifest),
                Instant.ofEpochSecond(DefaultImage.get().first().record().epoch()));
        Path signature = Files.write(temp.resolve("foreign.p7s"), foreign);
        assertEquals(0, openssl(manifest, signature, other.file("root.pem")).exitCode(), "valid under its own root");
        assertNotEquals(0, openssl(manifest, signature, DEVELOPMENT_ROOT).exitCode());
        VerificationException e = assertThrows(VerificationException.class, () -> SignatureVerifier.verify(
                Files.readAllBytes(manifest), foreign, KeyRole.IMAGE_SIGNING, TrustStores.development(),
                VerifyOptions.ALLOW_DEVELOPMENT));
        assertEquals(VerificationException.Reason.UNTRUSTED_CHAIN, e.reason());
    }

    @Test
    void signingTheManifestAgainGivesTheSameBytes() throws Exception {
        byte[] manifest = Files.readAllBytes(out().resolve(Manifest.FILE_NAME));
        byte[] again = CmsSigner.sign(SigningKeys.development(KeyRole.IMAGE_SIGNING), manifest,
                Instant.ofEpochSecond(DefaultImage.get().first().record().epoch()));
        assertArrayEquals(Files.readAllBytes(out().resolve(Manifest.SIGNATURE_FILE_NAME)), again);
    }

    @Test
    void theRebuildCheckReproducesEveryFileFromTheLockAndTheCache() {
        RebuildCheck.Result check = DefaultImage.get().check();
        assertTrue(check.identical(), check.file() + ": " + check.detail());
        assertEquals(Set.of("usr.img", "vmlinuz", "initrd.img", "disk.raw", "disk.vhd", "disk.vhdx", "sbom.cdx.json",
                "provenance.intoto.json", "lock", "build.json", "manifest.json", "manifest.json.p7s"),
                Set.copyOf(check.compared()));
    }

    /** dpkg-query, not our parser, reads the composed tree's database; the SBOM must list exactly that. */
    @Test
    void theSbomListsExactlyThePackagesDpkgHasAndPassesTheSchema() throws Exception {
        // The Debian packages: every component whose purl is pkg:deb.
        Path dpkg = Files.createDirectories(temp.resolve("root"));
        Command.run("tar", "-xf", out().resolve("rootfs.tar").toString(), "-C", dpkg.toString(), "./var/lib/dpkg")
                .check();
        String listed = Command.run("dpkg-query", "--admindir=" + dpkg.resolve("var/lib/dpkg"), "-W", "-f",
                "${db:Status-Status} ${Package} ${Version} ${Architecture}\\n").check().out();
        Set<String> installed = new TreeSet<>();
        for (String line : listed.split("\n")) {
            if (line.startsWith("installed ")) {
                installed.add(line.substring("installed ".length()));
            }
        }
        byte[] sbom = Files.readAllBytes(out().resolve("sbom.cdx.json"));
        assertTrue(new JsonParser().validate(sbom, Version.VERSION_16).isEmpty(), "CycloneDX 1.6 schema");
        Set<String> listedInSbom = new TreeSet<>();
        Pattern arch = Pattern.compile("[?&]arch=([a-z0-9]+)");
        for (JsonNode component : new ObjectMapper().readTree(sbom).get("components")) {
            if (!component.path("purl").asText().startsWith("pkg:deb/")) {
                continue;   // slipway-agent and its runtime: AgentInImageTest
            }
            Matcher m = arch.matcher(component.get("purl").asText());
            assertTrue(m.find(), component.toString());
            listedInSbom.add(component.get("name").asText() + " " + component.get("version").asText() + " " + m.group(1));
        }
        assertEquals(installed, listedInSbom);
        assertEquals(DefaultImage.get().first().record().packages().size(), listedInSbom.size());
    }

    @Test
    void theSbomInsideUsrIsTheOneBesideTheImage() throws Exception {
        try (MountedImage mounted = MountedImage.erofs(out().resolve("usr.img"), Files.createDirectories(temp.resolve("m")))) {
            assertArrayEquals(Files.readAllBytes(out().resolve("sbom.cdx.json")),
                    Files.readAllBytes(mounted.root().resolve("share/slipway/sbom.cdx.json")));
        }
    }

    @Test
    void theProvenanceNamesEveryPackageAndTheOutputs() throws Exception {
        JsonNode statement = new ObjectMapper().readTree(out().resolve("provenance.intoto.json").toFile());
        assertEquals("https://in-toto.io/Statement/v1", statement.get("_type").asText());
        assertEquals("https://slsa.dev/provenance/v1", statement.get("predicateType").asText());
        assertEquals(DefaultImage.get().first().record().packages().size(),
                statement.at("/predicate/buildDefinition/resolvedDependencies").size());
        assertEquals(DefaultImage.get().first().record().usr().sha256(),
                statement.at("/subject/0/digest/sha256").asText());
    }

    @Test
    void aLockedBuildRefusesAPackageWhoseDigestIsNotTheLocked() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode lock = (ObjectNode) mapper.readTree(out().resolve("lock").toFile());
        ObjectNode first = (ObjectNode) lock.get("packages").get(0);
        first.put("sha256", "0".repeat(64));
        Path tampered = Files.write(temp.resolve("lock"), mapper.writeValueAsBytes(lock));
        BuildException e = assertThrows(BuildException.class, () -> ImageBuild.run(BuildRequest.of(DefaultImage.PROFILE,
                temp.resolve("out")).locked(tampered).withCache(DefaultImage.CACHE).withAgent(DefaultImage.AGENT),
                BuildListener.SILENT));
        assertTrue(e.getMessage().contains(first.get("name").asText() + " " + first.get("version").asText()),
                e.getMessage());
        assertTrue(e.getMessage().contains("could not be fetched with that digest"), e.getMessage());
        assertTrue(Files.notExists(temp.resolve("out/usr.img")));
    }

    /** The block of docs/verify-by-hand.md, run as a reviewer would: openssl, sha256sum, veritysetup. */
    @Test
    void theByHandCommandsOfTheDocsVerifyTheBuild() throws Exception {
        String doc = Files.readString(DefaultImage.REPO.resolve("docs/verify-by-hand.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(block.find(), "docs/verify-by-hand.md has a sh block");
        Path copy = Files.createDirectories(temp.resolve("review"));
        try (var files = Files.list(out())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.createSymbolicLink(copy.resolve(file.getFileName()), file);
            }
        }
        Command.Result run = Command.run("bash", "-c", "set -euo pipefail; cd " + copy + "; ROOT=" + DEVELOPMENT_ROOT
                + "\n" + block.group(1));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("disk.vhdx: OK"), run.out());
        assertTrue(run.err().contains("Verification successful") || run.out().contains("Verification successful"),
                run.err());
    }
}
