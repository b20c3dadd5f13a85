package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layer media type Slipway reads, compressed by the real tools, and Docker v2 manifests and lists. */
class OciMediaTypesTest {

    @TempDir
    Path temp;

    /** A layer holding one file named {@code name}, stored as {@code mediaType} after {@code compressor} ("" for none). */
    private static OciFixture.Layer layer(OciFixture layout, String name, String mediaType, String compressor)
            throws IOException {
        byte[] tar = new RawTar().file(name, name).finish();
        Path plain = Files.write(layout.root.resolveSibling(name + ".tar"), tar);
        Path stored = compressor.isEmpty() ? plain : Shell.compress(plain, compressor, ".c");
        OciFixture.Blob blob = layout.blob(mediaType, Files.readAllBytes(stored));
        return new OciFixture.Layer(blob, OciFixture.sha256(tar));
    }

    private static List<String> read(Path layout, Path spool) throws IOException {
        try (LoadedTree loaded = Sources.open(layout, SourceOptions.spoolingTo(spool))) {
            return List.copyOf(loaded.tree().root().entries().keySet());
        }
    }

    @Test
    void everyOciLayerTypeIsRead() throws IOException {
        OciFixture layout = new OciFixture(temp.resolve("oci"));
        String oci = "application/vnd.oci.image.layer.";
        List<OciFixture.Layer> layers = new ArrayList<>();
        layers.add(layer(layout, "plain", oci + "v1.tar", ""));
        layers.add(layer(layout, "gzip", oci + "v1.tar+gzip", "gzip -n"));
        layers.add(layer(layout, "zstd", oci + "v1.tar+zstd", "zstd -q"));
        layers.add(layer(layout, "nd-plain", oci + "nondistributable.v1.tar", ""));
        layers.add(layer(layout, "nd-gzip", oci + "nondistributable.v1.tar+gzip", "gzip -n"));
        layers.add(layer(layout, "nd-zstd", oci + "nondistributable.v1.tar+zstd", "zstd -q"));
        layout.writeIndexJson(layout.image(layers).descriptor());
        assertEquals(List.of("gzip", "nd-gzip", "nd-plain", "nd-zstd", "plain", "zstd"), read(layout.root, temp));
    }

    @Test
    void dockerV2ManifestsListsAndLayersAreRead() throws IOException {
        OciFixture layout = new OciFixture(temp.resolve("docker"));
        OciFixture.Layer diff = layer(layout, "diff", "application/vnd.docker.image.rootfs.diff.tar.gzip", "gzip -n");
        OciFixture.Layer foreign = layer(layout, "foreign", "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                "gzip");
        OciFixture.Blob config = layout.json("application/vnd.docker.container.image.v1+json",
                "{\"architecture\": \"amd64\", \"os\": \"linux\", \"rootfs\": {\"type\": \"layers\", \"diff_ids\": [\""
                        + diff.diffId() + "\", \"" + foreign.diffId() + "\"]}}");
        OciFixture.Blob manifest = layout.json("application/vnd.docker.distribution.manifest.v2+json",
                "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\","
                        + " \"config\": " + config.descriptor() + ", \"layers\": [" + diff.blob().descriptor() + ", "
                        + foreign.blob().descriptor() + "]}");
        OciFixture.Blob list = layout.json("application/vnd.docker.distribution.manifest.list.v2+json",
                "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\","
                        + " \"manifests\": [" + manifest.descriptor(OciFixture.platform("linux", "amd64")) + "]}");
        layout.tag(list, "docker");
        assertEquals(List.of("diff", "foreign"), read(layout.root, temp));
    }
}
