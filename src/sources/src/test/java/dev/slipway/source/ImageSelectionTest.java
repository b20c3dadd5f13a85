package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which image of a layout is read: by reference, then by platform, through nested indexes. */
class ImageSelectionTest extends RefusalTest {

    OciFixture layout;

    @BeforeEach
    void createLayout() throws IOException {
        layout = new OciFixture(work.resolve("layout"));
    }

    /** A one-layer image whose only file is named {@code marker}. */
    private OciFixture.Blob image(String marker) throws IOException {
        return layout.image(List.of(layout.layer(new RawTar().file(marker, marker).finish(), false)));
    }

    private String read(String reference) throws IOException {
        try (LoadedTree loaded = Sources.open(layout.root, SourceOptions.spoolingTo(spool).withReference(reference))) {
            return String.join(",", loaded.tree().root().entries().keySet());
        }
    }

    private InvalidImageException refused(String reference, String file, String... phrases) {
        return refusedImage(layout.root, SourceOptions.spoolingTo(spool).withReference(reference), file, phrases);
    }

    @Test
    void theOnlyImageNeedsNoReference() throws IOException {
        layout.writeIndexJson(image("only").descriptor());
        assertEquals("only", read(null));
    }

    @Test
    void aReferenceSelectsItsImage() throws IOException {
        layout.writeIndexJson(image("one").descriptor(OciFixture.refName("1.0")),
                image("two").descriptor(OciFixture.refName("2.0")));
        assertEquals("two", read("2.0"));
        assertEquals("one", read("1.0"));
    }

    @Test
    void withSeveralImagesAndNoReferenceTheNamesAreListed() throws IOException {
        layout.writeIndexJson(image("one").descriptor(OciFixture.refName("1.0")),
                image("two").descriptor(OciFixture.refName("2.0")), image("three").descriptor());
        refused(null, "index.json", "holds 2 images", "'1.0', '2.0', 1 without a name", "by its reference");
    }

    @Test
    void anUnknownReferenceIsRefusedListingTheNames() throws IOException {
        layout.writeIndexJson(image("one").descriptor(OciFixture.refName("1.0")),
                image("two").descriptor(OciFixture.refName("latest")));
        refused("2.0", "index.json", "no image named '2.0'", "'1.0', 'latest'");
    }

    @Test
    void aMultiPlatformIndexGivesTheLinuxAmd64Image() throws IOException {
        OciFixture.Blob index = layout.index(image("arm").descriptor(OciFixture.platform("linux", "arm64")),
                image("amd").descriptor(OciFixture.platform("linux", "amd64")),
                image("win").descriptor(OciFixture.platform("windows", "amd64")));
        layout.tag(index, "multi");
        assertEquals("amd", read("multi"));
        assertEquals("amd", read(null));
    }

    @Test
    void indexesNestWithinTheBound() throws IOException {
        OciFixture.Blob inner = layout.index(image("deep").descriptor(OciFixture.platform("linux", "amd64")));
        OciFixture.Blob outer = layout.index(inner.descriptor());
        layout.writeIndexJson(outer.descriptor());
        assertEquals("deep", read(null));
    }

    @Test
    void indexesNestedBeyondTheBoundAreRefused() throws IOException {
        OciFixture.Blob innermost = layout.index(image("too-deep").descriptor());
        OciFixture.Blob blob = innermost;
        for (int i = 0; i < ImageIndex.MAX_NESTING; i++) {
            blob = layout.index(blob.descriptor());
        }
        layout.writeIndexJson(blob.descriptor());
        refused(null, "blobs/sha256/" + innermost.hex(), "nested more than " + ImageIndex.MAX_NESTING);
    }

    @Test
    void twoImagesForLinuxAmd64AreRefusedListingThePlatforms() throws IOException {
        OciFixture.Blob index = layout.index(image("a").descriptor(OciFixture.platform("linux", "amd64")),
                image("b").descriptor(OciFixture.platform("linux", "amd64")),
                image("c").descriptor(OciFixture.platform("linux", "riscv64")));
        layout.writeIndexJson(index.descriptor());
        refused(null, "blobs/sha256/" + index.hex(), "lists 3 images", "linux/amd64 (sha256:", "linux/riscv64",
                "2 of them are for linux/amd64", "refusing to guess");
    }

    @Test
    void anIndexWithoutLinuxAmd64IsRefused() throws IOException {
        OciFixture.Blob index = layout.index(image("a").descriptor(OciFixture.platform("linux", "arm64")),
                image("b").descriptor(OciFixture.platform("linux", "s390x")));
        layout.tag(index, "latest");
        refused("latest", "blobs/sha256/" + index.hex(), "none of them are for linux/amd64", "linux/arm64",
                "linux/s390x");
    }

    @Test
    void aReferenceForSomethingThatIsNoLayoutIsRefused() throws IOException {
        Path directory = Files.createDirectories(work.resolve("plain-directory"));
        InvalidImageException e = assertThrows(InvalidImageException.class,
                () -> Sources.open(directory, SourceOptions.spoolingTo(spool).withReference("latest")).close());
        assertTrue(e.getMessage().contains("is not an OCI image layout"), e.getMessage());
    }

    @Test
    void anEmptyLayoutIsRefused() throws IOException {
        layout.writeIndexJson();
        refused(null, "index.json", "lists no images");
    }

    @Test
    void whatIsNeitherManifestNorIndexIsRefused() throws IOException {
        OciFixture.Blob schema1 = layout.json("application/vnd.docker.distribution.manifest.v1+prettyjws", "{}");
        layout.writeIndexJson(schema1.descriptor());
        refused(null, "index.json", "neither an image manifest nor an image index");
    }
}
