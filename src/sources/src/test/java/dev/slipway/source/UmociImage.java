package dev.slipway.source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * OCI image layouts made by umoci, a producer that shares no code with Slipway: each layer is the
 * difference a shell script makes to the unpacked rootfs (umoci writes whiteouts for deletions).
 * Also unpacks an image with umoci, as the referee for what Slipway reads from it.
 */
public final class UmociImage {

    private UmociImage() {
    }

    /**
     * Creates a layout at {@code layout} holding image {@code reference}, one layer per script.
     * Each script runs with the rootfs as its working directory.
     */
    public static Path create(Path layout, String reference, String... layerScripts) throws IOException {
        String image = layout + ":" + reference;
        Shell.run("umoci", "init", "--layout", layout.toString());
        Shell.run("umoci", "new", "--image", image);
        Path bundle = layout.resolveSibling(layout.getFileName() + ".bundle");
        for (String script : layerScripts) {
            Shell.run("umoci", "unpack", "--image", image, bundle.toString());
            Shell.sh("cd " + Shell.quote(bundle.resolve("rootfs")) + " && " + script);
            Shell.run("umoci", "repack", "--image", image, bundle.toString());
            Shell.run("rm", "-rf", bundle.toString());
        }
        Shell.run("umoci", "gc", "--layout", layout.toString());
        return layout;
    }

    /** Unpacks image {@code reference} of {@code layout} into {@code rootfs} with umoci; returns it. */
    public static Path unpack(Path layout, String reference, Path rootfs) throws IOException {
        Shell.run("umoci", "raw", "unpack", "--image", layout + ":" + reference, rootfs.toString());
        return rootfs;
    }
}
