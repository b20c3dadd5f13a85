package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.fail;

import dev.slipway.tree.Content;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Xattrs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Structural comparison of two trees: the same names, and for each name the same type, metadata
 * (xattrs byte for byte), content digest, link target, device number, and hard-link identity (two
 * names share a node in one tree exactly when they do in the other).
 */
final class TreeDiff {

    /** What a lossy archive format cannot carry, and so is left out of the comparison. */
    record Tolerance(boolean mtimeSecondsOnly, boolean ignoreXattrs) {
        static final Tolerance EXACT = new Tolerance(false, false);
    }

    private TreeDiff() {
    }

    static void assertSameTree(FileTree expected, FileTree actual, Tolerance tolerance) {
        List<String> differences = differences(expected, actual, tolerance);
        if (!differences.isEmpty()) {
            fail(differences.size() + " differences:\n  " + String.join("\n  ", differences));
        }
    }

    static List<String> differences(FileTree expected, FileTree actual, Tolerance tolerance) {
        Map<String, Node> a = flatten(expected);
        Map<String, Node> b = flatten(actual);
        Map<String, String> linksA = hardLinkGroups(a);
        Map<String, String> linksB = hardLinkGroups(b);
        List<String> out = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String path : all) {
            Node x = a.get(path);
            Node y = b.get(path);
            String shown = path.isEmpty() ? "(root)" : path;
            if (x == null || y == null) {
                out.add(shown + ": only in " + (x == null ? "actual" : "expected"));
                continue;
            }
            if (x.type() != y.type()) {
                out.add(shown + ": type " + x.type() + " vs " + y.type());
                continue;
            }
            compareMetadata(shown, x.metadata(), y.metadata(), tolerance, out);
            if (!linksA.get(path).equals(linksB.get(path))) {
                out.add(shown + ": hard-link group '" + linksA.get(path) + "' vs '" + linksB.get(path) + "'");
            }
            switch (x) {
                case RegularFile f -> {
                    String da = digest(f.content());
                    String db = digest(((RegularFile) y).content());
                    if (!da.equals(db) || f.size() != ((RegularFile) y).size()) {
                        out.add(shown + ": content " + f.size() + " bytes " + da + " vs "
                                + ((RegularFile) y).size() + " bytes " + db);
                    }
                }
                case Symlink s -> {
                    if (!s.target().equals(((Symlink) y).target())) {
                        out.add(shown + ": target '" + s.target() + "' vs '" + ((Symlink) y).target() + "'");
                    }
                }
                case DeviceNode d -> {
                    DeviceNode e = (DeviceNode) y;
                    if (d.major() != e.major() || d.minor() != e.minor()) {
                        out.add(shown + ": device " + d.major() + ":" + d.minor() + " vs " + e.major() + ":" + e.minor());
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static void compareMetadata(String path, Metadata x, Metadata y, Tolerance tolerance, List<String> out) {
        if (x.permissions() != y.permissions()) {
            out.add(path + ": mode 0" + Integer.toOctalString(x.permissions()) + " vs 0" + Integer.toOctalString(y.permissions()));
        }
        if (x.uid() != y.uid() || x.gid() != y.gid()) {
            out.add(path + ": owner " + x.uid() + ":" + x.gid() + " vs " + y.uid() + ":" + y.gid());
        }
        boolean sameTime = tolerance.mtimeSecondsOnly()
                ? x.mtime().seconds() == y.mtime().seconds()
                : x.mtime().equals(y.mtime());
        if (!sameTime) {
            out.add(path + ": mtime " + x.mtime() + " vs " + y.mtime());
        }
        if (!tolerance.ignoreXattrs() && !x.xattrs().equals(y.xattrs())) {
            out.add(path + ": xattrs " + show(x.xattrs()) + " vs " + show(y.xattrs()));
        }
    }

    static String show(Xattrs xattrs) {
        StringBuilder out = new StringBuilder("{");
        xattrs.forEach((name, value) -> out.append(out.length() > 1 ? ", " : "").append(name).append("=0x")
                .append(HexFormat.of().formatHex(value)));
        return out.append('}').toString();
    }

    /** Every path ("" is the root) to its node, in walk order. */
    static Map<String, Node> flatten(FileTree tree) {
        Map<String, Node> out = new LinkedHashMap<>();
        tree.walk(out::put);
        return out;
    }

    /** Each path to the first path (in walk order) of its node: equal for hard links. */
    private static Map<String, String> hardLinkGroups(Map<String, Node> nodes) {
        Map<Node, String> first = new IdentityHashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        nodes.forEach((path, node) -> out.put(path, first.computeIfAbsent(node, n -> path)));
        return out;
    }

    static String digest(Content content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (long offset = 0; offset < content.size(); ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), content.size() - offset));
                content.read(offset, buffer);
                buffer.flip();
                offset += buffer.remaining();
                sha.update(buffer);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Content content) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(content.size()));
        content.read(0, buffer);
        return buffer.array();
    }

    /** The node at a slash-separated path, or {@code null}. */
    static Node find(FileTree tree, String path) {
        Node node = tree.root();
        if (path.isEmpty()) {
            return node;
        }
        for (String name : path.split("/")) {
            if (!(node instanceof Directory d)) {
                return null;
            }
            node = d.entries().get(name);
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
