package dev.slipway.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a path inside a tree as the image's own kernel would: symlinks are followed, absolute
 * ones from the tree's root (never the build host's), ".." stops at the root. Used to find the
 * files an initrd copies ("/lib64/ld-linux-x86-64.so.2" through merged-/usr links).
 */
public final class TreePaths {

    private static final int MAX_LINKS = 40;

    private TreePaths() {
    }

    /**
     * The node and its canonical path, with every symlink passed on the way (so a copy of the
     * path can be rebuilt elsewhere), or empty when a component is missing or the links loop.
     */
    public static Optional<Resolved> resolve(FileTree tree, String path) {
        return resolve(tree, path, true);
    }

    /**
     * As {@link #resolve(FileTree, String)}; with {@code followLast} false a symlink as the last name
     * is returned itself (as lstat sees it), not followed.
     */
    public static Optional<Resolved> resolve(FileTree tree, String path, boolean followLast) {
        Map<String, Symlink> passed = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>(split(path));
        List<String> current = new ArrayList<>();
        Node node = tree.root();
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!current.isEmpty()) {
                    current.removeLast();
                }
                node = lookup(tree, current).orElseThrow();
                continue;
            }
            if (!(node instanceof Directory directory)) {
                return Optional.empty();
            }
            Node child = directory.entries().get(name);
            if (child == null) {
                return Optional.empty();
            }
            if (child instanceof Symlink link && (followLast || !pending.isEmpty())) {
                passed.put(current.isEmpty() ? name : String.join("/", current) + "/" + name, link);
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                List<String> target = split(link.target());
                for (int i = target.size() - 1; i >= 0; i--) {
                    pending.addFirst(target.get(i));
                }
                if (link.target().startsWith("/")) {
                    current.clear();
                    node = tree.root();
                }
                continue;
            }
            current.add(name);
            node = child;
        }
        return Optional.of(new Resolved(String.join("/", current), node, passed));
    }

    /**
     * @param path  relative to the tree's root, "" for the root itself
     * @param links the symlinks passed, by their paths, in the order they were met
     */
    public record Resolved(String path, Node node, Map<String, Symlink> links) {
    }

    private static Optional<Node> lookup(FileTree tree, List<String> names) {
        Node node = tree.root();
        for (String name : names) {
            if (!(node instanceof Directory directory) || !directory.entries().containsKey(name)) {
                return Optional.empty();
            }
            node = directory.entries().get(name);
        }
        return Optional.of(node);
    }

    private static List<String> split(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
