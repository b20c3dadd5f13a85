package dev.slipway.build;

import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeEdits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stamps the image into {@code /usr/lib/os-release} (os-release(5)): {@code IMAGE_ID} and
 * {@code IMAGE_VERSION} name the image and its version, {@code SYSEXT_LEVEL} is what system
 * extensions must match. The distribution's own fields stay as they are; the file lives under /usr,
 * so every slot carries its own.
 */
final class OsRelease {

    static final String PATH = "usr/lib/os-release";
    /** The extension compatibility level of images this Slipway builds. */
    static final String SYSEXT_LEVEL = "1.0";
    private static final Set<String> OURS = Set.of("IMAGE_ID", "IMAGE_VERSION", "SYSEXT_LEVEL");
    private static final int MAX_BYTES = 64 << 10;

    private OsRelease() {
    }

    static FileTree stamp(FileTree tree, String imageName, String imageVersion, Timestamp buildTime)
            throws IOException, BuildException {
        Node node = TreeEdits.lookup(tree, PATH).orElse(null);
        List<String> lines = new ArrayList<>();
        Metadata metadata = Metadata.of(0644, 0, 0, buildTime);
        if (node instanceof RegularFile file) {
            if (file.size() > MAX_BYTES) {
                throw new BuildException("/" + PATH + " is larger than " + (MAX_BYTES >> 10) + " KiB; it is not an"
                        + " os-release file");
            }
            for (String line : new String(file.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
                if (!line.isBlank() && !OURS.contains(key)) {
                    lines.add(line);
                }
            }
            metadata = file.metadata().withMtime(buildTime);
        } else if (node != null) {
            throw new BuildException("/" + PATH + " is not a regular file; os-release must live in /usr itself");
        } else if (TreeEdits.lookup(tree, "usr/lib").isEmpty()) {
            return tree; // a tree without usr/lib is no operating system to stamp
        }
        lines.add("IMAGE_ID=" + imageName);
        lines.add("IMAGE_VERSION=" + imageVersion);
        lines.add("SYSEXT_LEVEL=" + SYSEXT_LEVEL);
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return TreeEdits.put(tree, PATH, new RegularFile(metadata, Content.ofBytes(text)));
    }
}
