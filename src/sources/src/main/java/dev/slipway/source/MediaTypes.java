package dev.slipway.source;

import java.util.Map;
import java.util.Set;

/** The media types of an image that Slipway reads: OCI image-spec v1.0/v1.1 and Docker image manifest v2 schema 2. */
final class MediaTypes {

    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

    /** Layer media types and how their data is compressed. */
    private static final Map<String, Compression> LAYERS = Map.of(
            "application/vnd.oci.image.layer.v1.tar", Compression.NONE,
            "application/vnd.oci.image.layer.v1.tar+gzip", Compression.GZIP,
            "application/vnd.oci.image.layer.v1.tar+zstd", Compression.ZSTD,
            "application/vnd.oci.image.layer.nondistributable.v1.tar", Compression.NONE,
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", Compression.GZIP,
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd", Compression.ZSTD,
            "application/vnd.docker.image.rootfs.diff.tar.gzip", Compression.GZIP,
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", Compression.GZIP);

    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    private static final Set<String> CONFIGS = Set.of(OCI_CONFIG, DOCKER_CONFIG);

    private MediaTypes() {
    }

    static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    static boolean isManifest(String mediaType) {
        return MANIFESTS.contains(mediaType);
    }

    static boolean isConfig(String mediaType) {
        return CONFIGS.contains(mediaType);
    }

    /** How a layer of this media type is compressed, or {@code null} when it is not a layer type Slipway reads. */
    static Compression layerCompression(String mediaType) {
        return LAYERS.get(mediaType);
    }

    /** For messages: the layer types Slipway reads. */
    static String layerTypes() {
        return "application/vnd.oci.image.layer.v1.tar with +gzip or +zstd or neither, the same as"
                + " .nondistributable, and Docker's application/vnd.docker.image.rootfs.diff.tar.gzip"
                + " and .rootfs.foreign.diff.tar.gzip";
    }
}
