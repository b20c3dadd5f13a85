package dev.slipway.source;

import static dev.slipway.source.Shell.quote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Builds, with the real tools, a directory holding everything a source must carry: every file
 * type, setuid/setgid/sticky, ids above 65535 (and above 2^31), hard links across directories,
 * xattrs of every namespace on every type (binary and empty values, {@code security.capability}),
 * 255-byte and UTF-8 names, long paths and link targets, a sparse file, and nanosecond mtimes
 * in the past.
 */
public final class RichTree {

    /** Mtimes are FIRST_MTIME + 7 s per path, each with a different nanosecond part. */
    public static final long FIRST_MTIME = 1_600_000_000L;

    /** A {@code security.capability} (v2, cap_net_raw permitted), all bytes below 0x80. */
    static final String CAP_ASCII = "0100000200200000000000000000000000000000";
    /** Another (cap_setuid, cap_net_raw ...) with bytes 0x80 and 0xff, which are not UTF-8. */
    static final String CAP_BINARY = "01000002802000000000000000000000000000ff";

    private final Path root;
    private final boolean ustarSafe;
    private final List<String> paths = new ArrayList<>();
    private final StringBuilder script = new StringBuilder("set -e\n");

    private RichTree(Path root, boolean ustarSafe) {
        this.root = root;
        this.ustarSafe = ustarSafe;
    }

    /**
     * Creates the tree in {@code root} (which must not exist). {@code ustarSafe} leaves out what
     * ustar cannot hold: names over 100 bytes, link targets over 100 bytes, ids over 2097151.
     */
    public static Path create(Path root, boolean ustarSafe) throws IOException {
        RichTree tree = new RichTree(root, ustarSafe);
        tree.build();
        return root;
    }

    private void build() throws IOException {
        Files.createDirectories(root);
        dir(".", "0755", "0:0");
        xattr(".", "user.root", "0x746f70");
        dir("etc", "0755", "0:0");
        xattr("etc", "user.dir", "0x657463");
        file("etc/hosts", "127.0.0.1 localhost\n", "0644", "0:0");
        xattr("etc/hosts", "user.comment", "0x686f737473");
        file("etc/shadow", "root:*:1:0:99999:7:::\n", "0640", "0:42");
        dir("bin", "0755", "0:0");
        file("bin/su", random(10_000, 1), "4755", "0:0");
        file("bin/ping", random(3000, 2), "0755", "0:0");
        xattr("bin/ping", "security.capability", "0x" + RichTree.CAP_ASCII);
        file("bin/sgid", random(100, 3), "2755", "0:0");
        xattr("bin/sgid", "security.capability", "0x" + RichTree.CAP_BINARY);
        dir("tmp", "1777", "0:0");
        dir("shared", "2775", ustarSafe ? "0:1000" : "0:100000");
        dir("home", "0755", "0:0");
        dir("home/user", "0700", ustarSafe ? "1000:1000" : "100000:4000000000");
        file("home/user/notes", "private\n", "0600", ustarSafe ? "2000:2000" : "4000000000:100000");
        dir("links", "0755", "0:0");
        file("links/hard-a", "one inode, three names\n", "0644", "0:0");
        xattr("links/hard-a", "user.h", "0x31");
        link("links/hard-a", "links/hard-b");
        link("links/hard-a", "etc/hard-c");
        symlink("../etc/hosts", "links/sym");
        xattrNoFollow("links/sym", "trusted.t", "0x73796d");
        symlink("/usr/share/nothing", "links/abs");
        if (!ustarSafe) {
            symlink("t".repeat(150) + "/" + "u".repeat(150), "links/long");
        }
        dir("dev", "0755", "0:0");
        node("dev/null", "c 1 3", "0666");
        node("dev/sda", "b 8 0", "0660");
        node("dev/big", "c 4095 1048575", "0600");
        xattr("dev/big", "trusted.d", "0x646576");
        node("dev/fifo", "p", "0600");
        xattr("dev/fifo", "trusted.f", "0x6669666f");
        dir("names", "0755", "0:0");
        file("names/grüße-日本語-😀", "utf-8\n", "0644", "0:0");
        if (!ustarSafe) {
            file("names/" + "n".repeat(255), "255 bytes\n", "0644", "0:0");
            file("names/" + "é".repeat(127) + "x", "255 bytes of UTF-8\n", "0644", "0:0");
            String deep = "deep/" + "a".repeat(60) + "/" + "b".repeat(60) + "/" + "c".repeat(60) + "/" + "d".repeat(60);
            dir("deep", "0755", "0:0");
            for (String part : List.of("a", "b", "c", "d")) {
                dir(deep.substring(0, deep.indexOf(part.repeat(60)) + 60), "0755", "0:0");
            }
            file(deep + "/a-file-whose-path-is-longer-than-256-bytes", "deep\n", "0644", "0:0");
        }
        dir("xattrs", "0755", "0:0");
        file("xattrs/empty", "", "0444", "0:0");
        xattr("xattrs/empty", "user.empty", null);
        file("xattrs/binary", "b", "0644", "0:0");
        xattr("xattrs/binary", "user.bin", "0xff00fe0a80");
        xattr("xattrs/binary", "user.nul", "0x00");
        file("xattrs/large", "l", "0644", "0:0");
        StringBuilder large = new StringBuilder("0x");
        for (int i = 0; i < 3000; i++) {
            large.append(String.format("%02x", (i * 7) & 0xFF));
        }
        xattr("xattrs/large", "user.large", large.toString());
        file("sparse", "", "0644", "0:0");
        script.append("truncate -s 4M sparse\nprintf data | dd of=sparse bs=1 seek=1048576 conv=notrunc status=none\n");
        // Seven data regions: more than an old GNU sparse header holds, so it needs extension records.
        file("sparse-many", "", "0644", "0:0");
        script.append("truncate -s 8M sparse-many\n");
        for (int i = 0; i < 7; i++) {
            script.append("printf region").append(i).append(" | dd of=sparse-many bs=1 seek=")
                    .append(i * 1_048_576L + 524_288).append(" conv=notrunc status=none\n");
        }
        // Times last, deepest first, so that nothing done later moves a directory's mtime.
        List<String> byDepth = new ArrayList<>(paths);
        byDepth.sort(Comparator.comparingInt((String p) -> p.split("/").length).reversed());
        byDepth.remove(".");
        byDepth.add(".");
        for (String path : byDepth) {
            int i = paths.indexOf(path);
            long nanos = (i * 123_456_789L + 1) % 1_000_000_000L;
            script.append(String.format("touch -h -d @%d.%09d %s%n", FIRST_MTIME + 7L * i, nanos, q(path)));
        }
        Shell.run(root, "sh", "-c", script.toString());
    }

    private void dir(String path, String mode, String owner) {
        if (!path.equals(".")) {
            script.append("mkdir ").append(q(path)).append('\n');
        }
        own(path, mode, owner);
    }

    private void file(String path, String content, String mode, String owner) throws IOException {
        script.append("cat > ").append(q(path)).append(" <<'SLIPWAY_EOF'\n").append(content)
                .append(content.endsWith("\n") || content.isEmpty() ? "" : "\n").append("SLIPWAY_EOF\n");
        if (!content.endsWith("\n")) {
            script.append("truncate -s ").append(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .append(' ').append(q(path)).append('\n');
        }
        own(path, mode, owner);
    }

    /** chown first: it clears setuid/setgid bits and capabilities, which come after. */
    private void own(String path, String mode, String owner) {
        paths.add(path);
        script.append("chown ").append(owner).append(' ').append(q(path)).append('\n');
        script.append("chmod ").append(mode).append(' ').append(q(path)).append('\n');
    }

    private void link(String target, String path) {
        paths.add(path);
        script.append("ln ").append(q(target)).append(' ').append(q(path)).append('\n');
    }

    private void symlink(String target, String path) {
        paths.add(path);
        script.append("ln -s ").append(q(target)).append(' ').append(q(path)).append('\n');
    }

    private void node(String path, String spec, String mode) {
        paths.add(path);
        String[] parts = spec.split(" ");
        script.append(parts[0].equals("p") ? "mkfifo " + q(path) : "mknod " + q(path) + " " + spec).append('\n');
        script.append("chmod ").append(mode).append(' ').append(q(path)).append('\n');
    }

    private void xattr(String path, String name, String value) {
        script.append("setfattr -n ").append(name).append(value == null ? "" : " -v " + value).append(' ')
                .append(q(path)).append('\n');
    }

    private void xattrNoFollow(String path, String name, String value) {
        script.append("setfattr -h -n ").append(name).append(" -v ").append(value).append(' ').append(q(path)).append('\n');
    }

    private static String random(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < size - 1; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.append('\n').toString();
    }

    private static String q(String path) {
        return quote(Path.of(path));
    }
}
