package dev.slipway.tree;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Edits of an immutable {@link FileTree} that return a new tree sharing every untouched directory
 * with the old one. Paths are relative ("usr/lib/os-release"); "" is the root.
 *
 * <p>A replaced or removed name affects that name only: other hard links to the same node keep it.
 */
public final class TreeEdits {

    private TreeEdits() {
    }

    /** The node at {@code path}, without following symlinks on the way. */
    public static Optional<Node> lookup(FileTree tree, String path) {
        Node node = tree.root();
        for (String name : names(path)) {
            if (!(node instanceof Directory dir)) {
                return Optional.empty();
            }
            node = dir.entries().get(name);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /** The directory at {@code path} as a tree of its own (its metadata becomes the root's). */
    public static Optional<FileTree> subtree(FileTree tree, String path) {
        return lookup(tree, path).filter(Directory.class::isInstance).map(node -> new FileTree((Directory) node));
    }

    /**
     * Puts {@code node} at {@code path}, replacing whatever was there. The parent directory must
     * exist.
     *
     * @throws IllegalArgumentException if the parent is missing or not a directory, or path is ""
     */
    public static FileTree put(FileTree tree, String path, Node node) {
        return new FileTree(edit(tree.root(), names(path), 0, node, path));
    }

    /**
     * {@code tree} with every directory on {@code path} present: missing ones are added with
     * {@code metadata}, existing ones are left as they are.
     */
    public static FileTree ensureDirectories(FileTree tree, String path, Metadata metadata) {
        FileTree result = tree;
        String prefix = "";
        for (String name : names(path)) {
            prefix = prefix.isEmpty() ? name : prefix + "/" + name;
            if (lookup(result, prefix).isEmpty()) {
                result = put(result, prefix, new Directory(metadata, java.util.Map.of()));
            }
        }
        return result;
    }

    /** Removes {@code path} (with everything under it); a missing path leaves the tree as it is. */
    public static FileTree remove(FileTree tree, String path) {
        if (lookup(tree, path).isEmpty()) {
            return tree;
        }
        return new FileTree(edit(tree.root(), names(path), 0, null, path));
    }

    private static Directory edit(Directory dir, String[] names, int depth, Node replacement, String path) {
        if (names.length == 0) {
            throw new IllegalArgumentException("cannot replace or remove the root directory");
        }
        Map<String, Node> entries = new TreeMap<>(Names.BYTE_ORDER);
        entries.putAll(dir.entries());
        String name = names[depth];
        if (depth == names.length - 1) {
            if (replacement == null) {
                entries.remove(name);
            } else {
                entries.put(name, replacement);
            }
        } else if (entries.get(name) instanceof Directory child) {
            entries.put(name, edit(child, names, depth + 1, replacement, path));
        } else {
            throw new IllegalArgumentException("cannot edit '" + path + "': '" + name + "' is missing or not a directory");
        }
        return new Directory(dir.metadata(), entries);
    }

    private static String[] names(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
