package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.Directory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OCI layouts whose blobs are damaged, missing or contradict their descriptors, or that Slipway
 * cannot read: each is refused with a message naming the file, what was expected, what was found,
 * and what to do; and nothing is left in the spool directory.
 */
class DamagedImageTest extends RefusalTest {

    private static final String FILLER = "x".repeat(4000);
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    OciFixture layout;
    OciFixture.Layer plain;
    OciFixture.Layer gzip;
    OciFixture.Blob config;
    OciFixture.Blob manifest;

    @BeforeEach
    void buildLayout() throws IOException {
        layout = new OciFixture(work.resolve("layout"));
        plain = layout.layer(new RawTar().dir("etc/").file("etc/a", "alpha\n").file("filler", FILLER).finish(), false);
        gzip = layout.layer(new RawTar().file("etc/b", "beta\n" + FILLER).finish(), true);
        config = layout.config(List.of(plain, gzip));
        manifest = layout.manifest(config, List.of(plain.blob(), gzip.blob()));
        layout.tag(manifest, "v1");
    }

    private SourceOptions options() {
        return SourceOptions.spoolingTo(spool).withReference("v1");
    }

    private static String path(OciFixture.Blob blob) {
        return "blobs/sha256/" + blob.hex();
    }

    private static void flipByteAt(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x20;
        Files.write(file, bytes);
    }

    private InvalidImageException refusedImage(String file, String... phrases) {
        return refusedImage(layout.root, options(), file, phrases);
    }

    @Test
    void theIntactLayoutReads() throws IOException {
        try (LoadedTree loaded = Sources.open(layout.root, options())) {
            assertEquals(List.of("etc", "filler"), List.copyOf(loaded.tree().root().entries().keySet()));
            Directory etc = (Directory) TreeDiff.find(loaded.tree(), "etc");
            assertEquals(List.of("a", "b"), List.copyOf(etc.entries().keySet()));
        }
    }

    @Test
    void aCorruptedLayerIsRefusedNamingBothDigests() throws IOException {
        int inFileData = new String(Files.readAllBytes(plain.blob().file()), StandardCharsets.ISO_8859_1).indexOf(FILLER);
        flipByteAt(plain.blob().file(), inFileData + 1000);
        String actual = OciFixture.sha256(Files.readAllBytes(plain.blob().file()));
        refusedImage(path(plain.blob()), "layer 1 of 2", "does not match its digest", "expected " + plain.blob().digest(),
                "the file has " + actual, "copy or pull the image again");
    }

    @Test
    void aCorruptedGzipLayerIsReportedAsDamageNotAsBadGzip() throws IOException {
        flipByteAt(gzip.blob().file(), (int) gzip.blob().size() / 2);
        InvalidImageException e = refusedImage(path(gzip.blob()), "layer 2 of 2", "does not match its digest",
                "expected " + gzip.blob().digest());
        assertTrue(e.getSuppressed().length > 0, "the decoder's complaint is kept, suppressed");
    }

    @Test
    void aCorruptedManifestIsRefusedBeforeItIsParsed() throws IOException {
        String text = Files.readString(manifest.file());
        Files.writeString(manifest.file(), text.replace("\"schemaVersion\": 2", "\"schemaVersion\": 3"));
        refusedImage(path(manifest), "the manifest", "does not match its digest", "expected " + manifest.digest());
    }

    @Test
    void aCorruptedConfigIsRefused() throws IOException {
        flipByteAt(config.file(), 3);
        refusedImage(path(config), "the config", "does not match its digest");
    }

    @Test
    void aBlobOfTheWrongSizeIsRefused() throws IOException {
        String wrong = manifest.descriptor(OciFixture.refName("v1")).replace("\"size\": " + manifest.size(),
                "\"size\": " + (manifest.size() + 1));
        layout.writeIndexJson(wrong);
        refusedImage(path(manifest), "has " + manifest.size() + " bytes, but its descriptor says " + (manifest.size() + 1));
    }

    @Test
    void aMissingBlobIsRefused() throws IOException {
        Files.delete(config.file());
        refusedImage(path(config), "the config", "is missing", "copy or pull the image again");
    }

    @Test
    void aLayerThatIsNotWhatTheConfigSaysIsRefused() throws IOException {
        OciFixture.Layer other = layout.layer(new RawTar().file("other", "o").finish(), false);
        OciFixture.Layer lying = new OciFixture.Layer(gzip.blob(), other.diffId());
        layout.tag(layout.image(List.of(plain, lying)), "v1");
        refusedImage(path(gzip.blob()), "layer 2 of 2", "uncompresses to " + gzip.diffId(),
                "diff_id for it is " + other.diffId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sha256:../../etc|not a digest at all",
        "sha256:../../../../outside/evil|not a digest at all",
        "sha256/../../x:0|not a digest at all",
        "SHA256:abc|not a digest at all",
        "sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789|lowercase hex",
        "sha256:abc|64 lowercase hex digits",
        "md5:d41d8cd98f00b204e9800998ecf8427e|cannot check"})
    void digestsThatCouldBePathTricksAreRefusedBeforeAnyPathIsBuilt(String digest, String phrase) throws IOException {
        String hostile = plain.blob().descriptor().replace(plain.blob().digest(), digest);
        OciFixture.Blob trap = layout.json(MANIFEST, "{\"schemaVersion\": 2, \"config\": " + config.descriptor()
                + ", \"layers\": [" + hostile + "]}");
        layout.tag(trap, "v1");
        refusedImage(path(trap), "layer 1 of the manifest", phrase);
    }

    @Test
    void unknownLayerMediaTypesAreRefused() throws IOException {
        String odd = plain.blob().descriptor().replace(OciFixture.LAYER_TAR, "application/vnd.example.layer.v1.squashfs");
        OciFixture.Blob odder = layout.json(MANIFEST, "{\"schemaVersion\": 2,"
                + " \"config\": " + config.descriptor() + ", \"layers\": [" + odd + ", " + gzip.blob().descriptor() + "]}");
        layout.tag(odder, "v1");
        refusedImage(path(odder), "application/vnd.example.layer.v1.squashfs", "not a layer type Slipway reads");
    }

    @Test
    void aLayerWhoseDataContradictsItsMediaTypeIsRefused() throws IOException {
        OciFixture.Blob mislabelled = new OciFixture.Blob(OciFixture.LAYER_GZIP, plain.blob().digest(),
                plain.blob().size(), plain.blob().file());
        layout.tag(layout.manifest(config, List.of(mislabelled, gzip.blob())), "v1");
        refusedImage(path(plain.blob()), "layer 1 of 2", "+gzip but its data is not compressed that way");
    }

    @Test
    void otherLayoutVersionsAreRefused() throws IOException {
        Files.writeString(layout.root.resolve("oci-layout"), "{\"imageLayoutVersion\": \"2.0.0\"}");
        refusedImage("oci-layout", "imageLayoutVersion '2.0.0'", "1.0.0");
    }

    @Test
    void aLayoutWithoutIndexJsonIsRefused() throws IOException {
        Files.delete(layout.root.resolve("index.json"));
        refusedImage("index.json", "index.json file of", "is missing");
    }

    @Test
    void duplicateJsonKeysAreRefused() throws IOException {
        OciFixture.Blob twice = layout.json(MANIFEST, "{\"schemaVersion\": 2,"
                + " \"config\": " + config.descriptor() + ", \"layers\": [], \"layers\": [" + plain.blob().descriptor() + "]}");
        layout.tag(twice, "v1");
        refusedImage(path(twice), "not valid JSON", "Duplicate field 'layers'");
    }

    @Test
    void artifactsAreNotImages() throws IOException {
        OciFixture.Blob empty = layout.json("application/vnd.oci.empty.v1+json", "{}");
        OciFixture.Blob artifact = layout.manifest(empty, List.of());
        layout.tag(artifact, "v1");
        refusedImage(path(artifact), "application/vnd.oci.empty.v1+json", "not a container image");
    }

    @Test
    void sha512DigestsAreCheckedToo() throws IOException, NoSuchAlgorithmException {
        byte[] tar = new RawTar().file("sha512", "long digest\n").finish();
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(tar));
        Files.createDirectories(layout.root.resolve("blobs/sha512"));
        Files.write(layout.root.resolve("blobs/sha512").resolve(hex), tar);
        OciFixture.Blob blob = new OciFixture.Blob(OciFixture.LAYER_TAR, "sha512:" + hex, tar.length, null);
        OciFixture.Layer layer = new OciFixture.Layer(blob, OciFixture.sha256(tar));
        layout.tag(layout.image(List.of(layer)), "v1");
        try (LoadedTree loaded = Sources.open(layout.root, options())) {
            assertEquals(List.of("sha512"), List.copyOf(loaded.tree().root().entries().keySet()));
        }
        flipByteAt(layout.root.resolve("blobs/sha512").resolve(hex), 600);
        refusedImage("blobs/sha512/" + hex, "does not match its digest", "expected sha512:" + hex);
    }
}
