package dev.slipway.testing;

import dev.slipway.tree.Content;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Asserts that a directory on disk (a mounted image, usually) shows exactly an expected
 * {@link FileTree}: the same names and nothing more; per name the type, permission bits including
 * setuid/setgid/sticky, uid, gid, mtime to the nanosecond, link count, size and contents (by
 * SHA-256), symlink target, device major/minor, and the complete set of xattrs (as {@code getfattr}
 * sees them, so security.*, trusted.* and POSIX ACLs count); and hard links: names of one
 * {@code Node} share an inode number, different nodes never do.
 *
 * <p>Reports every difference at once, up to a limit. Needs root for trusted.* xattrs and the
 * JVM's file name encoding to be UTF-8 (the build runs tests with LC_ALL=C.UTF-8).
 */
public final class TreeComparison {

    /** Files up to this size are compared whole; larger ones by size and sampled windows. */
    public static final long FULL_COMPARE_LIMIT = 256L << 20;

    private static final int MAX_PROBLEMS = 40;
    private static final int SAMPLE = 1 << 16;

    private final FileTree expected;
    private final Path root;
    private final List<String> problems = new ArrayList<>();
    private final Map<Node, Integer> nameCounts = new IdentityHashMap<>();
    private final Map<Node, Long> inodeOf = new IdentityHashMap<>();
    private final Map<Long, String> pathOfInode = new HashMap<>();
    private Map<String, Map<String, byte[]>> xattrs;

    private TreeComparison(FileTree expected, Path root) {
        this.expected = expected;
        this.root = root.toAbsolutePath().normalize();
    }

    /** Throws an {@link AssertionError} listing every difference between {@code root} and {@code expected}. */
    public static void assertMatches(FileTree expected, Path root) throws IOException {
        if (!"UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
            throw new IllegalStateException("file names decode as " + System.getProperty("sun.jnu.encoding")
                    + "; run tests with LC_ALL=C.UTF-8");
        }
        new TreeComparison(expected, root).compare();
    }

    private void compare() throws IOException {
        expected.walk((path, node) -> nameCounts.merge(node, 1, Integer::sum));
        xattrs = Getfattr.dumpTree(root);
        compareTree();
        for (String path : xattrs.keySet()) {
            problem(path, "has xattrs " + xattrs.get(path).keySet() + " but is not in the expected tree");
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), MAX_PROBLEMS);
            throw new AssertionError(problems.size() + " difference(s) between " + root + " and the expected tree:\n  "
                    + String.join("\n  ", problems.subList(0, shown)) + (shown < problems.size() ? "\n  ..." : ""));
        }
    }

    private void compareTree() throws IOException {
        List<Map.Entry<String, Node>> pending = new ArrayList<>();
        pending.add(Map.entry("", expected.root()));
        while (!pending.isEmpty()) {
            Map.Entry<String, Node> next = pending.remove(pending.size() - 1);
            String path = next.getKey();
            Node node = next.getValue();
            Path actual = path.isEmpty() ? root : root.resolve(path);
            compareNode(path, node, actual);
            if (node instanceof Directory dir && Files.isDirectory(actual, LinkOption.NOFOLLOW_LINKS)) {
                TreeSet<String> present = new TreeSet<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(actual)) {
                    stream.forEach(p -> present.add(p.getFileName().toString()));
                }
                for (String name : present) {
                    if (!dir.entries().containsKey(name)) {
                        problem(join(path, name), "is present but not expected");
                    }
                }
                for (var entry : dir.entries().entrySet()) {
                    if (present.contains(entry.getKey())) {
                        pending.add(Map.entry(join(path, entry.getKey()), entry.getValue()));
                    } else {
                        problem(join(path, entry.getKey()), "is missing");
                    }
                }
            }
        }
    }

    private void compareNode(String path, Node node, Path actual) throws IOException {
        Map<String, Object> stat = Files.readAttributes(actual, "unix:*", LinkOption.NOFOLLOW_LINKS);
        Map<String, byte[]> actualXattrs = xattrs.remove(path);
        int mode = (Integer) stat.get("mode");
        int expectedType = node.type().formatBits();
        if ((mode & 0170000) != expectedType) {
            problem(path, "type " + Integer.toOctalString(mode & 0170000) + " instead of " + Integer.toOctalString(expectedType));
            return;
        }
        var meta = node.metadata();
        check(path, "permissions", Integer.toOctalString(meta.permissions()), Integer.toOctalString(mode & 07777));
        check(path, "uid", meta.uid(), Integer.toUnsignedLong((Integer) stat.get("uid")));
        check(path, "gid", meta.gid(), Integer.toUnsignedLong((Integer) stat.get("gid")));
        FileTime mtime = (FileTime) stat.get("lastModifiedTime");
        check(path, "mtime", meta.mtime().toInstant(), mtime.toInstant());
        long nlink = node instanceof Directory d ? 2L + d.subdirectoryCount() : nameCounts.get(node);
        check(path, "nlink", nlink, ((Integer) stat.get("nlink")).longValue());
        checkIdentity(path, node, (Long) stat.get("ino"));
        compareXattrs(path, node, actualXattrs == null ? Map.of() : actualXattrs);
        switch (node) {
            case RegularFile f -> {
                check(path, "size", f.size(), (Long) stat.get("size"));
                if (f.size() == (Long) stat.get("size")) {
                    compareContent(path, f.content(), actual);
                }
            }
            case Symlink s -> {
                check(path, "symlink target", s.target(), Files.readSymbolicLink(actual).toString());
                check(path, "size", (long) s.target().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, (Long) stat.get("size"));
            }
            case DeviceNode d -> {
                long rdev = (Long) stat.get("rdev");
                long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
                long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
                check(path, "device", d.major() + ":" + d.minor(), major + ":" + minor);
            }
            default -> {
            }
        }
    }

    private void checkIdentity(String path, Node node, long ino) {
        Long known = inodeOf.putIfAbsent(node, ino);
        if (known != null) {
            check(path, "inode number (hard link)", known, ino);
            return;
        }
        String other = pathOfInode.putIfAbsent(ino, path);
        if (other != null) {
            problem(path, "shares inode " + ino + " with '" + other + "', which is a different node");
        }
    }

    private void compareXattrs(String path, Node node, Map<String, byte[]> actual) {
        var want = node.metadata().xattrs();
        TreeSet<String> names = new TreeSet<>(want.names());
        names.addAll(actual.keySet());
        for (String name : names) {
            byte[] expectedValue = want.get(name);
            byte[] actualValue = actual.get(name);
            if (expectedValue == null) {
                problem(path, "has unexpected xattr " + name);
            } else if (actualValue == null) {
                problem(path, "lacks xattr " + name);
            } else if (!java.util.Arrays.equals(expectedValue, actualValue)) {
                problem(path, "xattr " + name + " is " + HexFormat.of().formatHex(actualValue)
                        + " instead of " + HexFormat.of().formatHex(expectedValue));
            }
        }
    }

    private void compareContent(String path, Content content, Path actual) throws IOException {
        long size = content.size();
        try (FileChannel file = FileChannel.open(actual)) {
            if (size <= FULL_COMPARE_LIMIT) {
                compareRange(path, content, file, 0, size);
                return;
            }
            for (long offset : new long[] {0, size / 3, size / 2, (size & ~0xFFFFFFFFL) - SAMPLE / 2, size - SAMPLE}) {
                long start = Math.max(0, Math.min(offset, size - SAMPLE));
                compareRange(path, content, file, start, SAMPLE);
            }
        }
    }

    private void compareRange(String path, Content content, FileChannel file, long offset, long length) throws IOException {
        MessageDigest want = sha256();
        MessageDigest got = sha256();
        ByteBuffer a = ByteBuffer.allocate(1 << 20);
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(a.capacity(), length - done);
            a.clear().limit(n);
            content.read(offset + done, a);
            a.flip();
            want.update(a);
            b.clear().limit(n);
            while (b.hasRemaining()) {
                if (file.read(b, offset + done + b.position()) < 0) {
                    problem(path, "ends early, at " + (offset + done + b.position()));
                    return;
                }
            }
            b.flip();
            got.update(b);
            done += n;
        }
        if (!MessageDigest.isEqual(want.digest(), got.digest())) {
            problem(path, "contents differ in bytes " + offset + ".." + (offset + length));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(String path, String what, Object want, Object got) {
        if (!want.equals(got)) {
            problem(path, what + " is " + got + " instead of " + want);
        }
    }

    private void problem(String path, String message) {
        problems.add("'" + (path.isEmpty() ? "/" : path) + "' " + message);
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }
}
