package dev.slipway.trust.manifest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * manifest.json: what an image is and every byte it is made of. The build writes it in canonical
 * JSON ({@link Manifests#toBytes}) and signs those bytes; the verifier and the node agent read it
 * only after the signature checks out.
 *
 * @param compatibility   what an agent compares with its own before installing, such as
 *                        {@code slipway/aks-node/x86_64}
 * @param securityVersion anti-rollback: an agent refuses an image whose security version is lower
 *                        than the one it runs
 * @param buildTime       the build's epoch (SOURCE_DATE_EPOCH) in seconds; also the signing time
 * @param sources         what the root tree was composed from, each pinned by digests
 * @param artifacts       every file the image consists of, in the order the build wrote them
 */
public record Manifest(int format, Image image, String compatibility, long securityVersion, long buildTime,
                       String slipwayVersion, ProfileDigests profile, List<Source> sources, List<Artifact> artifacts) {

    /** The value of the manifest's "type" field: it tells a manifest apart from other signed Slipway JSON. */
    public static final String TYPE = "slipway/image-manifest";
    public static final int FORMAT = 1;
    public static final String FILE_NAME = "manifest.json";
    public static final String SIGNATURE_FILE_NAME = "manifest.json.p7s";

    public Manifest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(compatibility, "compatibility");
        Objects.requireNonNull(slipwayVersion, "slipwayVersion");
        Objects.requireNonNull(profile, "profile");
        sources = List.copyOf(sources);
        artifacts = List.copyOf(artifacts);
        var names = new HashSet<String>();
        for (Artifact artifact : artifacts) {
            if (!names.add(artifact.name())) {
                throw new IllegalArgumentException("artifact " + artifact.name() + " is listed twice");
            }
        }
        if (securityVersion < 0 || buildTime < 0) {
            throw new IllegalArgumentException("security version and build time must not be negative");
        }
    }

    /** @param description free text, "" when the profile gives none */
    public record Image(String name, String version, String description) {
        public Image {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * @param file           the profile built (its file name)
     * @param sha256         over the profile and every profile it extends
     * @param resolvedSha256 over the resolved profile, as {@code slipway profile resolve} prints it
     */
    public record ProfileDigests(String file, String sha256, String resolvedSha256) {
        public ProfileDigests {
            Objects.requireNonNull(file, "file");
            Fields.checkSha256(sha256, "profile sha256");
            Fields.checkSha256(resolvedSha256, "resolved profile sha256");
        }
    }

    /** @param digests named digests that pin the source's bytes, such as {@code packages-sha256} */
    public record Source(String kind, Map<String, String> digests) {
        public Source {
            Objects.requireNonNull(kind, "kind");
            digests = java.util.Collections.unmodifiableMap(new TreeMap<>(digests));
        }
    }

    /** The artifact with {@code role}, if exactly one has it. */
    public Optional<Artifact> artifact(String role) {
        List<Artifact> matching = artifacts.stream().filter(a -> a.role().equals(role)).toList();
        return matching.size() == 1 ? Optional.of(matching.getFirst()) : Optional.empty();
    }
}
