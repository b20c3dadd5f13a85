package dev.slipway.trust.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    static final String DIGEST = "ab".repeat(32);

    static Manifest sample() {
        VerityInfo verity = new VerityInfo("sha256", 4096, 4096, 8192, 8192, "00ff", "5f2d9bd8-8c51-4d5c-9d0e-3c2e6a8a7c10",
                "12".repeat(32));
        return new Manifest(Manifest.FORMAT, new Manifest.Image("slipway-base", "1.2.3", "a \"test\" image"),
                "slipway/slipway-base/x86_64", 4, 1747699200L, "0.1.0",
                new Manifest.ProfileDigests("base.toml", DIGEST, "cd".repeat(32)),
                List.of(new Manifest.Source("debian", Map.of("packages-sha256", DIGEST))),
                List.of(new Artifact("usr.img", Artifact.USR, null, 12288, DIGEST, verity),
                        new Artifact("disk.raw", Artifact.DISK, "raw", 1 << 20, DIGEST, null),
                        Artifact.of("sbom.cdx.json", Artifact.SBOM, 10, DIGEST)));
    }

    @Test
    void roundTripsThroughItsCanonicalBytes() throws Exception {
        byte[] bytes = Manifests.toBytes(sample());
        assertTrue(CanonicalJson.isCanonical(bytes));
        assertEquals(sample(), Manifests.parse(bytes));
        assertArrayEquals(bytes, Manifests.toBytes(Manifests.parse(bytes)));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"artifacts\":[{\"name\":\"usr.img\",\"role\":\"usr\",\"sha256\":"), text);
        assertTrue(text.contains("\"type\":\"slipway/image-manifest\""), text);
    }

    @Test
    void aReformattedManifestIsRefusedEvenIfItSaysTheSame() {
        String pretty = new String(Manifests.toBytes(sample()), StandardCharsets.UTF_8).replace(",", ", ");
        ManifestException e = assertThrows(ManifestException.class,
                () -> Manifests.parse(pretty.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("not in canonical JSON form"), e.getMessage());
    }

    @Test
    void eachMalformedFieldIsNamedByItsPath() {
        assertRefused("\"sha256\":\"" + DIGEST + "\",\"size\":12288", "\"sha256\":\"AB\",\"size\":12288",
                "artifacts[0].sha256 is \"AB\", not a SHA-256 digest in lowercase hex");
        assertRefused("\"name\":\"disk.raw\"", "\"name\":\"../disk.raw\"", "artifact name \"../disk.raw\" is not a plain");
        assertRefused("\"security-version\":4", "\"security-version\":-4", "security-version must be a whole number");
        assertRefused("\"type\":\"slipway/image-manifest\"", "\"type\":\"slipway/channel\"",
                "this is not an image manifest");
        assertRefused("\"role\":\"disk\"", "\"role\":\"disk\",\"signed-by\":\"x\"",
                "artifacts[1].signed-by is not a field this Slipway knows");
        assertRefused("\"format\":1,", "", "format is missing");
    }

    private static void assertRefused(String find, String replace, String message) {
        String original = new String(Manifests.toBytes(sample()), StandardCharsets.UTF_8);
        assertTrue(original.contains(find), find);
        byte[] edited = recanonicalized(original.replace(find, replace));
        ManifestException e = assertThrows(ManifestException.class, () -> Manifests.parse(edited));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** Edited text made canonical again, so the refusal is about the edit, not the form. */
    private static byte[] recanonicalized(String json) {
        try {
            return CanonicalJson.write(CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8)));
        } catch (ManifestException e) {
            throw new AssertionError(e);
        }
    }
}
