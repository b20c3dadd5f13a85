package dev.slipway.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an image was built, as an in-toto Statement v1 carrying a SLSA Provenance v1 predicate:
 * which files came out (subjects), from which profile and inputs, by which Slipway. Byte-stable:
 * fixed key order, and the build epoch in place of start and finish times, so two builds of the
 * same inputs give the same statement.
 */
final class Provenance {

    /** The statement's file name in the output directory. */
    static final String FILE_NAME = "provenance.intoto.json";
    static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";

    /**
     * What this build type means, for a verifier:
     * <ul>
     * <li>{@code externalParameters}: {@code profile}, the profile file built (its name, beside the
     * profiles it extends); {@code profileSha256}, SHA-256 over that extends chain's names and
     * bytes; {@code resolvedProfileSha256}, over the merged profile as {@code slipway profile
     * resolve} prints it; {@code imageVersion}, present only when the caller replaced the
     * profile's version.
     * <li>{@code internalParameters}: {@code epoch}, the build epoch in seconds (SOURCE_DATE_EPOCH).
     * <li>{@code resolvedDependencies}: for a Debian source each installed .deb, by purl, pool
     * file name and the SHA-256 the archive's signed index gives; for a tarball its SHA-256; for
     * an OCI layout its manifest digest; for a directory the {@value #LISTING_DIGEST} digest.
     * </ul>
     * Rebuilding: {@code slipway build PROFILE --epoch EPOCH [--image-version V]} with the same
     * profile chain and the same packages available gives the same subjects.
     */
    static final String BUILD_TYPE = "https://slipway.dev/build/v1";
    /** Slipway run locally: the trust base is the machine and the user that ran it. */
    static final String BUILDER_ID = "https://slipway.dev/builder";
    /**
     * A DigestSet algorithm of Slipway's own: lowercase hex SHA-256 over a directory's canonical
     * listing (names, types, modes, owners, times, sizes; {@code TreeDigest}), not its contents.
     */
    static final String LISTING_DIGEST = "slipwayListingSha256";

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Provenance() {
    }

    /** One output of the build: its file name and SHA-256. */
    record Subject(String name, String sha256) {
    }

    /**
     * The statement as JSON bytes.
     *
     * @param subjects        the artifacts built, in the order given
     * @param profile         the profile's digests, as build.json records them
     * @param versionOverride the image version that replaced the profile's, or null
     * @param packages        for a Debian source, the installed packages; else empty
     */
    static byte[] statement(List<Subject> subjects, BuildRecord.ProfileDigests profile, String versionOverride,
                            Timestamp epoch, SourceRecord source, List<DebianPackage> packages)
            throws IOException, BuildException {
        Map<String, Object> external = new LinkedHashMap<>();
        external.put("profile", profile.file());
        external.put("profileSha256", profile.sha256());
        external.put("resolvedProfileSha256", profile.resolvedSha256());
        if (versionOverride != null) {
            external.put("imageVersion", versionOverride);
        }
        Map<String, Object> internal = new LinkedHashMap<>();
        internal.put("epoch", epoch.seconds());
        BuildDefinition definition = new BuildDefinition(BUILD_TYPE, external, internal,
                dependencies(source, packages));
        String time = DateTimeFormatter.ISO_INSTANT.format(epoch.toInstant());
        String version = SlipwayBuildVersion.get();
        RunDetails run = new RunDetails(new Builder(BUILDER_ID, Map.of("slipway", version)),
                new BuildMetadata(time, time));
        List<ResourceDescriptor> subject = new ArrayList<>();
        for (Subject s : subjects) {
            subject.add(new ResourceDescriptor(s.name(), null, Map.of("sha256", s.sha256()), null, null));
        }
        Statement statement = new Statement(STATEMENT_TYPE, subject, PREDICATE_TYPE, new Predicate(definition, run));
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return (MAPPER.writer(printer).writeValueAsString(statement) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<ResourceDescriptor> dependencies(SourceRecord source, List<DebianPackage> packages)
            throws BuildException {
        List<ResourceDescriptor> dependencies = new ArrayList<>();
        if (source.kind().equals("debian")) {
            List<DebianPackage> sorted = packages.stream().sorted(DebianPackage.ORDER).toList();
            for (DebianPackage p : sorted) {
                // No distro qualifier: the tree's os-release is not an input here, and the digest pins the .deb.
                dependencies.add(new ResourceDescriptor(p.filename().isEmpty() ? null : p.filename(),
                        DebianPurl.of(p, null), Map.of("sha256", p.sha256()), null, null));
            }
            return dependencies;
        }
        Object path = source.parameters().get("path");
        Object reference = source.parameters().get("reference");
        String name = path == null ? null : path.toString();
        for (Map.Entry<String, String> digest : source.digests().entrySet()) {
            ResourceDescriptor descriptor = switch (digest.getKey()) {
                case "tar-sha256" -> new ResourceDescriptor(name, null, Map.of("sha256", digest.getValue()), null, null);
                case "manifest" -> new ResourceDescriptor(name, null, ociDigest(digest.getValue()), OCI_MANIFEST,
                        reference == null ? null : Map.of("reference", reference.toString()));
                case "listing-sha256" -> new ResourceDescriptor(name, null, Map.of(LISTING_DIGEST, digest.getValue()),
                        null, null);
                default -> throw new BuildException("provenance: no way to record the " + source.kind()
                        + " source's digest \"" + digest.getKey() + "\"; this is a bug in Slipway");
            };
            dependencies.add(descriptor);
        }
        return dependencies;
    }

    /** An OCI digest ("sha256:HEX") as a DigestSet entry ({"sha256": "HEX"}). */
    private static Map<String, String> ociDigest(String digest) throws BuildException {
        int colon = digest.indexOf(':');
        if (colon <= 0) {
            throw new BuildException("the OCI manifest digest \"" + digest + "\" has no algorithm prefix");
        }
        return Map.of(digest.substring(0, colon), digest.substring(colon + 1));
    }

    @JsonPropertyOrder({"_type", "subject", "predicateType", "predicate"})
    private record Statement(@JsonProperty("_type") String type, List<ResourceDescriptor> subject,
                             String predicateType, Predicate predicate) {
    }

    @JsonPropertyOrder({"buildDefinition", "runDetails"})
    private record Predicate(BuildDefinition buildDefinition, RunDetails runDetails) {
    }

    @JsonPropertyOrder({"buildType", "externalParameters", "internalParameters", "resolvedDependencies"})
    private record BuildDefinition(String buildType, Map<String, Object> externalParameters,
                                   Map<String, Object> internalParameters,
                                   List<ResourceDescriptor> resolvedDependencies) {
    }

    @JsonPropertyOrder({"builder", "metadata"})
    private record RunDetails(Builder builder, BuildMetadata metadata) {
    }

    @JsonPropertyOrder({"id", "version"})
    private record Builder(String id, Map<String, String> version) {
    }

    @JsonPropertyOrder({"startedOn", "finishedOn"})
    private record BuildMetadata(String startedOn, String finishedOn) {
    }

    /** in-toto's ResourceDescriptor, the fields Slipway uses; absent ones are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "uri", "digest", "mediaType", "annotations"})
    private record ResourceDescriptor(String name, String uri, Map<String, String> digest, String mediaType,
                                      Map<String, String> annotations) {
    }
}
