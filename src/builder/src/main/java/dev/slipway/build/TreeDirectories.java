package dev.slipway.build;

import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeEdits;
import java.util.Map;

/** Directories a build step adds to the image: root-owned, 0755, at the build time. */
public final class TreeDirectories {

    private TreeDirectories() {
    }

    /** {@code tree} with every directory on {@code path} present (existing ones untouched). */
    public static FileTree ensure(FileTree tree, String path, Timestamp buildTime) {
        FileTree result = tree;
        String prefix = "";
        for (String name : path.split("/")) {
            prefix = prefix.isEmpty() ? name : prefix + "/" + name;
            if (TreeEdits.lookup(result, prefix).isEmpty()) {
                result = TreeEdits.put(result, prefix, new Directory(Metadata.of(0755, 0, 0, buildTime), Map.of()));
            }
        }
        return result;
    }
}
