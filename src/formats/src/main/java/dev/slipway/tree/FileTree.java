package dev.slipway.tree;

import java.util.Objects;

/** A complete input tree: the root directory and everything under it. Immutable. */
public record FileTree(Directory root) {

    public FileTree {
        Objects.requireNonNull(root, "root");
    }

    /** Visits every name in depth-first, byte order; hard links are visited once per name. */
    public void walk(Visitor visitor) {
        walk("", root, visitor);
    }

    private static void walk(String path, Directory directory, Visitor visitor) {
        visitor.visit(path, directory);
        for (var entry : directory.entries().entrySet()) {
            String childPath = path.isEmpty() ? entry.getKey() : path + "/" + entry.getKey();
            if (entry.getValue() instanceof Directory sub) {
                walk(childPath, sub, visitor);
            } else {
                visitor.visit(childPath, entry.getValue());
            }
        }
    }

    /** Receives each path (relative, "" for the root) with its node. */
    @FunctionalInterface
    public interface Visitor {
        void visit(String path, Node node);
    }

    /** The newest mtime anywhere in the tree: the epoch a source declares when none is given. */
    public Timestamp newestMtime() {
        Timestamp[] newest = {Timestamp.UNIX_EPOCH};
        walk((path, node) -> {
            if (node.metadata().mtime().compareTo(newest[0]) > 0) {
                newest[0] = node.metadata().mtime();
            }
        });
        return newest[0];
    }
}
