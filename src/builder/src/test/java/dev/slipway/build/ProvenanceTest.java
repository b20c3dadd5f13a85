package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.tree.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    private static final Timestamp EPOCH = Timestamp.ofSeconds(1_700_000_000);
    private static final BuildRecord.ProfileDigests PROFILE = new BuildRecord.ProfileDigests("base.toml",
            List.of("base.toml"), "1".repeat(64), "2".repeat(64));
    private static final List<Provenance.Subject> SUBJECTS = List.of(
            new Provenance.Subject("usr.img", "3".repeat(64)), new Provenance.Subject("disk.raw", "4".repeat(64)));
    private static final DebianPackage LIBC = new DebianPackage("libc6", "2.36-9+deb12u14", "amd64", "glibc",
            "a".repeat(64), "pool/main/g/glibc/libc6_2.36-9+deb12u14_amd64.deb", 2_757_000);
    private static final DebianPackage BASE_FILES = new DebianPackage("base-files", "12.4+deb12u15", "amd64",
            "base-files", "b".repeat(64), "pool/main/b/base-files/base-files_12.4+deb12u15_amd64.deb", 70_000);
    private static final SourceRecord DEBIAN = new SourceRecord("debian", Map.of("suite", "bookworm"),
            Map.of("packages-sha256", "5".repeat(64)));

    @Test
    void aDebianBuildIsAnInTotoStatementWithSlsaProvenance() throws Exception {
        JsonNode statement = parse(Provenance.statement(SUBJECTS, PROFILE, "1.2.3", EPOCH, DEBIAN,
                List.of(LIBC, BASE_FILES)));

        assertEquals(List.of("_type", "subject", "predicateType", "predicate"), fieldNames(statement));
        assertEquals("https://in-toto.io/Statement/v1", statement.path("_type").asText());
        assertEquals("https://slsa.dev/provenance/v1", statement.path("predicateType").asText());
        assertEquals("usr.img", statement.path("subject").get(0).path("name").asText());
        assertEquals("3".repeat(64), statement.path("subject").get(0).path("digest").path("sha256").asText());
        assertEquals("4".repeat(64), statement.path("subject").get(1).path("digest").path("sha256").asText());

        JsonNode predicate = statement.path("predicate");
        assertEquals(List.of("buildDefinition", "runDetails"), fieldNames(predicate));
        JsonNode definition = predicate.path("buildDefinition");
        assertEquals(List.of("buildType", "externalParameters", "internalParameters", "resolvedDependencies"),
                fieldNames(definition));
        assertEquals("https://slipway.dev/build/v1", definition.path("buildType").asText());
        JsonNode external = definition.path("externalParameters");
        assertEquals("base.toml", external.path("profile").asText());
        assertEquals("1".repeat(64), external.path("profileSha256").asText());
        assertEquals("2".repeat(64), external.path("resolvedProfileSha256").asText());
        assertEquals("1.2.3", external.path("imageVersion").asText());
        assertEquals(1_700_000_000L, definition.path("internalParameters").path("epoch").asLong());

        JsonNode dependencies = definition.path("resolvedDependencies");
        assertEquals(2, dependencies.size());
        JsonNode first = dependencies.get(0);
        assertEquals("pkg:deb/debian/base-files@12.4%2Bdeb12u15?arch=amd64", first.path("uri").asText());
        assertEquals("b".repeat(64), first.path("digest").path("sha256").asText());
        assertEquals(BASE_FILES.filename(), first.path("name").asText());
        assertEquals("pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64", dependencies.get(1).path("uri").asText());

        JsonNode run = predicate.path("runDetails");
        assertEquals("https://slipway.dev/builder", run.path("builder").path("id").asText());
        assertEquals(SlipwayBuildVersion.get(), run.path("builder").path("version").path("slipway").asText());
        assertEquals("2023-11-14T22:13:20Z", run.path("metadata").path("startedOn").asText());
        assertEquals("2023-11-14T22:13:20Z", run.path("metadata").path("finishedOn").asText());
    }

    @Test
    void theSameInputsGiveTheSameBytes() throws Exception {
        byte[] first = Provenance.statement(SUBJECTS, PROFILE, null, EPOCH, DEBIAN, List.of(LIBC, BASE_FILES));
        byte[] second = Provenance.statement(SUBJECTS, PROFILE, null, EPOCH, DEBIAN, List.of(BASE_FILES, LIBC));
        assertArrayEquals(first, second);
        JsonNode external = parse(first).path("predicate").path("buildDefinition").path("externalParameters");
        assertTrue(external.path("imageVersion").isMissingNode(), "no override, no imageVersion");
    }

    @Test
    void tarOciAndDirectorySourcesArePinnedByTheirDigests() throws Exception {
        JsonNode tar = onlyDependency(new SourceRecord("tar", Map.of("path", "rootfs.tar.zst"),
                Map.of("tar-sha256", "6".repeat(64))));
        assertEquals("rootfs.tar.zst", tar.path("name").asText());
        assertEquals("6".repeat(64), tar.path("digest").path("sha256").asText());

        JsonNode oci = onlyDependency(new SourceRecord("oci", Map.of("path", "image", "reference", "latest"),
                Map.of("manifest", "sha256:" + "7".repeat(64))));
        assertEquals("7".repeat(64), oci.path("digest").path("sha256").asText());
        assertEquals("application/vnd.oci.image.manifest.v1+json", oci.path("mediaType").asText());
        assertEquals("latest", oci.path("annotations").path("reference").asText());

        JsonNode dir = onlyDependency(new SourceRecord("dir", Map.of("path", "rootfs"),
                Map.of("listing-sha256", "8".repeat(64))));
        assertEquals("8".repeat(64), dir.path(("digest")).path(Provenance.LISTING_DIGEST).asText());
        assertTrue(dir.path("uri").isMissingNode());
    }

    private static JsonNode onlyDependency(SourceRecord source) throws Exception {
        JsonNode dependencies = parse(Provenance.statement(SUBJECTS, PROFILE, null, EPOCH, source, List.of()))
                .path("predicate").path("buildDefinition").path("resolvedDependencies");
        assertEquals(1, dependencies.size(), dependencies.toString());
        return dependencies.get(0);
    }

    private static JsonNode parse(byte[] json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
