package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.InvalidEntryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Layers crafted to escape the tree, through their own entries or through what a lower layer
 * left: refused exactly as in a tarball, with the layer named, and with nothing written outside
 * the spool. Their blobs match their digests, so the refusal is about the entries, not damage.
 */
class HostileLayerTest extends RefusalTest {

    private int layouts;

    /** Refuses the image made of these layers (the top one gzip-compressed), naming {@code entry}. */
    private void refused(String entry, List<byte[]> layers, String... phrases) throws IOException {
        OciFixture layout = new OciFixture(work.resolve("layout" + layouts++));
        List<OciFixture.Layer> stack = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            stack.add(layout.layer(layers.get(i), i == layers.size() - 1));
        }
        layout.tag(layout.image(stack), "hostile");
        List<String> all = new ArrayList<>(List.of(phrases));
        all.add("(in layer " + layers.size() + " of " + layers.size() + ", blobs/sha256/");
        InvalidEntryException e = refused(InvalidEntryException.class, layout.root,
                SourceOptions.spoolingTo(spool).withReference("hostile"), entry, all.toArray(String[]::new));
        String topLayer = stack.get(stack.size() - 1).blob().hex();
        assertTrue(e.getMessage().contains(topLayer), () -> "names the top layer's blob " + topLayer + ": " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "./../evil", "x/../../evil", "../a/work/outside/evil"})
    void dotDotComponentsAreRefused(String name) throws IOException {
        refused(name, List.of(new RawTar().dir("x/").file(name, "escape").finish()), "'..'");
    }

    @Test
    void absolutePathsAreRefused() throws IOException {
        String name = work.resolve("abs-evil").toString();
        refused(name, List.of(new RawTar().file(name, "escape").finish()), "absolute path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/evil", "/etc/passwd", "a/../../etc/passwd"})
    void hardLinksOutOfTheTreeAreRefused(String target) throws IOException {
        refused("h", List.of(new RawTar().file("a", "a").finish(), new RawTar().hardlink("h", target).finish()),
                "outside the tree");
    }

    @Test
    void entriesThroughALowerLayersSymlinkAreRefused() throws IOException {
        refused("link/pwned", List.of(new RawTar().symlink("link", outside.toString()).finish(),
                new RawTar().file("link/pwned", "escape").finish()), "passes through the symlink 'link'");
    }

    @Test
    void whiteoutsThroughASymlinkAreRefused() throws IOException {
        byte[] lower = new RawTar().dir("d/").file("d/x", "x").symlink("link", "d").finish();
        refused("link/.wh.x", List.of(lower, new RawTar().file("link/.wh.x", "").finish()), "symlink 'link'");
        refused("link/.wh..wh..opq", List.of(lower, new RawTar().file("link/.wh..wh..opq", "").finish()),
                "symlink 'link'");
    }

    @ParameterizedTest
    @ValueSource(strings = {".wh.", ".wh..", ".wh...", "d/.wh..."})
    void whiteoutsThatNameNoFileAreRefused(String name) throws IOException {
        refused(name, List.of(new RawTar().dir("d/").finish(), new RawTar().file(name, "").finish()), "names no file");
    }

    @Test
    void aufsBookkeepingIsRefused() throws IOException {
        refused(".wh..wh.plnk", List.of(new RawTar().file(".wh..wh.plnk", "").finish()), "AUFS");
    }

    @Test
    void directoriesWithWhiteoutNamesAreRefused() throws IOException {
        refused(".wh.d/", List.of(new RawTar().dir(".wh.d/").finish()), "directory with a whiteout name");
        refused(".wh.d/x", List.of(new RawTar().file(".wh.d/x", "x").finish()), "passes through '.wh.d'");
    }

    @Test
    void aLowerFileCannotBeUsedAsADirectory() throws IOException {
        refused("f/x", List.of(new RawTar().file("f", "f").finish(), new RawTar().file("f/x", "x").finish()),
                "passes through 'f', which is a regular file");
    }
}
