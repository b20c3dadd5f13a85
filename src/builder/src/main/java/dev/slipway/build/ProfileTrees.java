package dev.slipway.build;

import dev.slipway.source.LoadedTree;
import dev.slipway.source.SourceOptions;
import dev.slipway.source.Sources;
import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeDigest;
import dev.slipway.tree.TreeEdits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays the profile's {@code [files] trees} over the composed tree: configuration, units and health
 * checks that no package ships. What a checkout gives a file besides its bytes (owner, umask,
 * mtime) differs between machines, so every file is made root's, 0644 or 0755 (executable if any
 * execute bit is set), directories 0755, all with the build time; a later tree's file replaces an
 * earlier one's, and a tree's directory keeps the image's directory metadata where one exists.
 */
final class ProfileTrees {

    /** What was laid over: each tree's path and its digest (SHA-256 over the canonical listing). */
    record Applied(FileTree tree, List<Layer> layers) {
    }

    record Layer(Path directory, String digest) {
    }

    private ProfileTrees() {
    }

    static Applied layOver(FileTree image, List<Path> trees, Timestamp buildTime, Path spool) throws IOException,
            BuildException {
        FileTree result = image;
        List<Layer> layers = new ArrayList<>();
        for (Path directory : trees) {
            if (!Files.isDirectory(directory)) {
                throw new BuildException("files.trees: " + directory + " is not a directory");
            }
            FileTree canonical;
            try (LoadedTree loaded = Sources.open(directory, SourceOptions.spoolingTo(spool))) {
                canonical = canonical(loaded.tree(), directory, buildTime);
            }
            result = layOver(result, canonical, directory);
            layers.add(new Layer(directory, java.util.HexFormat.of().formatHex(TreeDigest.of(canonical))));
        }
        return new Applied(result, layers);
    }

    private static FileTree canonical(FileTree tree, Path directory, Timestamp buildTime) throws BuildException {
        FileTree[] result = {new FileTree(new Directory(Metadata.of(0755, 0, 0, buildTime), java.util.Map.of()))};
        List<String> refused = new ArrayList<>();
        tree.walk((path, node) -> {
            if (path.isEmpty()) {
                return;
            }
            Node canonical = switch (node) {
                case Directory ignored -> new Directory(Metadata.of(0755, 0, 0, buildTime), java.util.Map.of());
                case RegularFile file -> new RegularFile(Metadata.of(
                        (file.metadata().permissions() & 0111) != 0 ? 0755 : 0644, 0, 0, buildTime), file.content());
                case Symlink link -> new Symlink(Metadata.of(0777, 0, 0, buildTime), link.target());
                default -> null;
            };
            if (canonical == null) {
                refused.add(path + " (" + node.type() + ")");
            } else {
                result[0] = TreeEdits.put(result[0], path, canonical);
            }
        });
        if (!refused.isEmpty()) {
            throw new BuildException("files.trees: " + directory + " may hold only directories, regular files and"
                    + " symbolic links; it has " + String.join(", ", refused));
        }
        return result[0];
    }

    private static FileTree layOver(FileTree image, FileTree tree, Path directory) throws BuildException {
        FileTree[] result = {image};
        String[] conflict = {null};
        tree.walk((path, node) -> {
            if (path.isEmpty() || conflict[0] != null) {
                return;
            }
            Node existing = TreeEdits.lookup(result[0], path).orElse(null);
            if (node instanceof Directory) {
                if (existing instanceof Directory) {
                    return;
                }
                if (existing != null) {
                    conflict[0] = path + " is a directory in the tree but a " + existing.type() + " in the image";
                    return;
                }
                result[0] = TreeEdits.put(result[0], path, node);
            } else if (existing instanceof Directory) {
                conflict[0] = path + " is a " + node.type() + " in the tree but a directory in the image";
            } else {
                result[0] = TreeEdits.put(result[0], path, node);
            }
        });
        if (conflict[0] != null) {
            throw new BuildException("files.trees: " + directory + ": " + conflict[0]
                    + " (in a merged-/usr image, lib, bin and sbin are links: use usr/lib, usr/bin, usr/sbin)");
        }
        return result[0];
    }
}
