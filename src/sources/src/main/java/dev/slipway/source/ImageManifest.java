package dev.slipway.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An image manifest and the parts of its config Slipway uses: the layers, bottom first, each with
 * how it is compressed and the digest of its uncompressed tar stream ({@code rootfs.diff_ids}).
 * Both JSON documents are read whole and verified against their descriptors before they are
 * parsed, and every layer's media type is checked before any layer is read.
 */
record ImageManifest(Descriptor manifest, List<Layer> layers) {

    /**
     * One layer to apply.
     *
     * @param number 1 for the bottom layer
     * @param count how many layers the image has
     */
    record Layer(int number, int count, Descriptor blob, Compression compression, Digest diffId) {

        /** "layer 2 of 3", as messages name it. */
        String label() {
            return "layer " + number + " of " + count;
        }
    }

    ImageManifest {
        layers = List.copyOf(layers);
    }

    static ImageManifest read(Blobs blobs, Descriptor manifest) throws IOException {
        String file = manifest.digest().blobPath();
        String where = Blobs.describe("the manifest", file);
        JsonNode json = OciJson.parse(blobs.readVerified(manifest, "the manifest"), file, where);
        OciJson.schemaVersion2(json, file, where);
        OciJson.mediaTypeMatches(json, manifest.mediaType(), file, where);

        Descriptor config = Descriptor.parse(json.get("config"), file, "the config descriptor of " + where);
        if (!MediaTypes.isConfig(config.mediaType())) {
            throw new InvalidImageException(file, where + " has a config of type '" + Digest.shown(config.mediaType())
                    + "', so it is not a container image (an OCI artifact, perhaps); Slipway reads images whose config"
                    + " is an " + MediaTypes.OCI_CONFIG + " or an " + MediaTypes.DOCKER_CONFIG);
        }
        JsonNode layerArray = OciJson.array(json, "layers", file, where);
        List<Descriptor> blobsOfLayers = new ArrayList<>();
        for (int i = 0; i < layerArray.size(); i++) {
            String layerWhere = "layer " + (i + 1) + " of " + where;
            Descriptor layer = Descriptor.parse(layerArray.get(i), file, layerWhere);
            if (MediaTypes.layerCompression(layer.mediaType()) == null) {
                throw new InvalidImageException(file, layerWhere + " has the media type '"
                        + Digest.shown(layer.mediaType()) + "', which is not a layer type Slipway reads ("
                        + MediaTypes.layerTypes() + ")");
            }
            blobsOfLayers.add(layer);
        }

        List<Digest> diffIds = diffIds(blobs, config);
        if (diffIds.size() != blobsOfLayers.size()) {
            String configFile = config.digest().blobPath();
            throw new InvalidImageException(configFile, Blobs.describe("the config", configFile) + " lists " + diffIds.size()
                    + " diff_ids but the manifest " + file + " has " + blobsOfLayers.size() + " layers; the image is"
                    + " inconsistent: rebuild it, or copy or pull it again");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < blobsOfLayers.size(); i++) {
            Descriptor blob = blobsOfLayers.get(i);
            layers.add(new Layer(i + 1, blobsOfLayers.size(), blob, MediaTypes.layerCompression(blob.mediaType()),
                    diffIds.get(i)));
        }
        return new ImageManifest(manifest, layers);
    }

    /** {@code rootfs.diff_ids} of the config: one digest of the uncompressed tar stream per layer. */
    private static List<Digest> diffIds(Blobs blobs, Descriptor config) throws IOException {
        String file = config.digest().blobPath();
        String where = Blobs.describe("the config", file);
        JsonNode json = OciJson.parse(blobs.readVerified(config, "the config"), file, where);
        JsonNode rootfs = OciJson.object(json, "rootfs", file, where);
        String type = OciJson.text(rootfs, "type", file, where + "'s rootfs");
        if (!type.equals("layers")) {
            throw new InvalidImageException(file, where + " has rootfs.type '" + Digest.shown(type) + "'; the only"
                    + " type images have is 'layers'");
        }
        JsonNode array = OciJson.array(rootfs, "diff_ids", file, where + "'s rootfs");
        List<Digest> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode id = array.get(i);
            out.add(Digest.parse(id.isTextual() ? id.textValue() : id.toString(), file,
                    "diff_ids[" + i + "] of " + where));
        }
        return out;
    }
}
