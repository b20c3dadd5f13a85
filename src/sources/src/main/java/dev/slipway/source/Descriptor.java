package dev.slipway.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OCI content descriptor: what a blob is (media type), which bytes it must be (digest and
 * size), and for an entry of an index its annotations and platform. {@code urls} are ignored:
 * Slipway reads blobs from the layout only.
 *
 * @param platform the platform an index entry is for, or {@code null} when it names none
 */
record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations, Platform platform) {

    /** The annotation that gives an image in {@code index.json} its name (its tag, usually). */
    static final String REF_NAME = "org.opencontainers.image.ref.name";

    Descriptor {
        annotations = Map.copyOf(annotations);
    }

    /** The platform of an image index entry: os/architecture, and a variant such as "v8" when given. */
    record Platform(String os, String architecture, String variant) {

        boolean is(String wantedOs, String wantedArchitecture) {
            return os.equals(wantedOs) && architecture.equals(wantedArchitecture);
        }

        @Override
        public String toString() {
            return Digest.shown(os + "/" + architecture + (variant == null ? "" : "/" + variant));
        }
    }

    static Descriptor parse(JsonNode node, String file, String where) throws InvalidImageException {
        if (node == null || !node.isObject()) {
            throw new InvalidImageException(file, where + " is missing or is not a JSON object; the layout is corrupt:"
                    + " copy or pull the image again");
        }
        String mediaType = OciJson.text(node, "mediaType", file, where);
        Digest digest = Digest.parse(OciJson.text(node, "digest", file, where), file, where);
        long size = OciJson.size(node, "size", file, where);
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode given = node.get("annotations");
        if (given != null && !given.isNull()) {
            JsonNode object = OciJson.object(node, "annotations", file, where);
            for (var entry : object.properties()) {
                annotations.put(entry.getKey(), OciJson.text(object, entry.getKey(), file, where + "'s annotations"));
            }
        }
        Platform platform = null;
        JsonNode platformNode = node.get("platform");
        if (platformNode != null && !platformNode.isNull()) {
            JsonNode object = OciJson.object(node, "platform", file, where);
            String platformWhere = where + "'s platform";
            platform = new Platform(OciJson.text(object, "os", file, platformWhere),
                    OciJson.text(object, "architecture", file, platformWhere),
                    OciJson.optionalText(object, "variant", file, platformWhere));
        }
        return new Descriptor(mediaType, digest, size, annotations, platform);
    }

    /** The image's name in {@code index.json}, or {@code null}. */
    String refName() {
        return annotations.get(REF_NAME);
    }

    /** How the descriptor appears in a list for the user: name, platform, abbreviated digest. */
    String summary() {
        StringBuilder out = new StringBuilder();
        if (refName() != null) {
            out.append('\'').append(Digest.shown(refName())).append("' ");
        }
        if (platform != null) {
            out.append(platform).append(' ');
        }
        return out.append('(').append(digest.abbreviated()).append(')').toString();
    }
}
