package dev.slipway.erofs;

import dev.slipway.tree.Content;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.Fifo;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.FileType;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.tree.Xattrs;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Trees that exercise every corner of the format. */
final class TestTrees {

    static final Timestamp BUILD_TIME = new Timestamp(1_700_000_000L, 123_456_789);
    static final ErofsOptions OPTIONS = new ErofsOptions(BUILD_TIME,
            UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), "slipway-test");

    /** A valid VFS_CAP_REVISION_2 value (cap_net_bind_service, effective); the kernel rejects malformed ones. */
    static final byte[] CAPABILITY = HexFormat.of().parseHex("0100000200040000000000000000000000000000");

    /** A POSIX access ACL matching mode 0640 plus user 1000 read. */
    static final byte[] ACL = HexFormat.of().parseHex(
            "02000000" + "01000600ffffffff" + "02000400e8030000" + "04000400ffffffff" + "10000400ffffffff" + "20000000ffffffff");

    private TestTrees() {
    }

    static Metadata meta(int permissions, long uid, long gid, Timestamp mtime) {
        return Metadata.of(permissions, uid, gid, mtime);
    }

    static Metadata plain(int permissions) {
        return meta(permissions, 0, 0, BUILD_TIME);
    }

    static Metadata older(int permissions, int step) {
        return meta(permissions, 0, 0, new Timestamp(BUILD_TIME.seconds() - 86_400L * step, (step * 7919) % 1_000_000_000));
    }

    static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static RegularFile file(Metadata metadata, long seed, int size) {
        return new RegularFile(metadata, Content.ofBytes(bytes(seed, size)));
    }

    static Xattrs xattrs(Object... nameValuePairs) {
        java.util.TreeMap<String, byte[]> map = new java.util.TreeMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            Object v = nameValuePairs[i + 1];
            map.put((String) nameValuePairs[i], v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) v);
        }
        return Xattrs.of(map);
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    /** Everything the writer must get right, in one tree (about 10,300 names). */
    static FileTree coverage() throws InvalidEntryException {
        TreeBuilder b = new TreeBuilder(null);
        b.addDirectory("", plain(0755).withXattrs(xattrs("user.shared", "same value", "security.selinux", "system_u:object_r:usr_t:s0")));

        // Sizes around block boundaries, and a few multi-block ones.
        b.addDirectory("sizes", older(0755, 1));
        int[] sizes = {0, 1, 100, 4095, 4096, 4097, 8191, 8192, 8209, 3 * 65536 + 5, 1_000_003, 2_000_000};
        for (int i = 0; i < sizes.length; i++) {
            Metadata m = i % 2 == 0 ? plain(0644) : older(0644, i);
            b.add("sizes/f" + sizes[i], file(m, i, sizes[i]));
        }

        // 10,000 entries in one directory: multi-block, some with xattrs, some hard links.
        b.addDirectory("big", older(0755, 2).withXattrs(xattrs("user.dir", "big one")));
        RegularFile linked = file(older(0600, 3), 77, 5000);
        for (int i = 0; i < 10_000; i++) {
            String name = String.format("entry-%05d", i);
            if (i % 1000 == 7) {
                b.add("big/" + name, linked);
            } else if (i % 97 == 0) {
                b.add("big/" + name, new RegularFile(plain(0644).withXattrs(xattrs("user.shared", "same value",
                        "user.unique", "v" + i)), Content.ofBytes(bytes(i, i % 300))));
            } else {
                b.add("big/" + name, file(i % 3 == 0 ? plain(0644) : older(0644, i % 50), i, i % 50));
            }
        }

        // Long and non-ASCII names side by side, and names sorting around "." and "..".
        b.addDirectory("names", plain(0755));
        String[] names = {repeat("a", 255), repeat("é", 127) + "x", repeat("z", 254), "日本語のファイル", "émigré",
                "-", "!", ".hidden", "...", ".-", "line\nbreak", "sp ace", "x=y", "back\\slash", "ü"};
        for (int i = 0; i < names.length; i++) {
            b.add("names/" + names[i], file(plain(0644), 1000 + i, i * 37));
        }
        for (int i = 0; i < 40; i++) {
            b.add("names/" + repeat(Character.toString('b' + (i % 20)), 200 + i) + i, file(plain(0644), 2000 + i, 10));
        }

        // 100 levels deep.
        StringBuilder deep = new StringBuilder("deep");
        b.addDirectory("deep", older(0755, 4));
        for (int i = 0; i < 100; i++) {
            deep.append("/d").append(i);
            b.addDirectory(deep.toString(), i % 2 == 0 ? plain(0755) : older(0700, i));
        }
        b.add(deep + "/bottom", file(plain(0644), 5, 123));

        // Owners, special bits and times.
        b.addDirectory("modes", plain(01777));
        b.add("modes/big-ids", file(meta(0640, 100_000, 200_000, BUILD_TIME), 6, 10));
        b.add("modes/max-ids", file(meta(0640, Metadata.MAX_ID, Metadata.MAX_ID, BUILD_TIME), 6, 10));
        b.add("modes/id-65535", file(meta(0640, 65535, 65535, BUILD_TIME), 6, 10));
        b.add("modes/setuid", file(meta(04755, 0, 0, BUILD_TIME), 7, 300));
        b.add("modes/setgid", file(meta(02755, 0, 50, BUILD_TIME), 7, 300));
        b.add("modes/all-bits", file(meta(07777, 1, 1, BUILD_TIME), 7, 3));
        b.add("modes/no-bits", file(meta(0, 1, 1, BUILD_TIME), 7, 3));
        b.addDirectory("modes/setgid-dir", meta(02775, 0, 100, BUILD_TIME));
        b.addDirectory("modes/sticky", meta(01777, 0, 0, BUILD_TIME));
        b.add("modes/nanos", file(meta(0644, 0, 0, new Timestamp(BUILD_TIME.seconds() - 1, 999_999_999)), 8, 10));
        b.add("modes/one-nano-older", file(meta(0644, 0, 0, new Timestamp(BUILD_TIME.seconds(), BUILD_TIME.nanos() - 1)), 8, 10));
        b.add("modes/pre-1970", file(meta(0644, 0, 0, new Timestamp(-86_400L * 365, 5)), 8, 10));
        b.add("modes/epoch", file(meta(0644, 0, 0, Timestamp.UNIX_EPOCH), 8, 10));

        // Symlinks, devices, fifos, with and without hard links.
        b.addDirectory("special", older(0755, 5));
        b.add("special/short-link", new Symlink(plain(0777), "../sizes/f100"));
        b.add("special/trusted-link", new Symlink(plain(0777).withXattrs(xattrs("trusted.overlay.opaque", "y")), "target"));
        b.add("special/long-link", new Symlink(older(0777, 6), repeat("long/", 800)));
        b.add("special/longest-link", new Symlink(plain(0777), repeat("x", Symlink.MAX_TARGET_BYTES)));
        b.add("special/utf8-link", new Symlink(plain(0777), "日本/émigré"));
        b.add("special/null", new DeviceNode(plain(0666), FileType.CHAR_DEVICE, 1, 3));
        b.add("special/sda1", new DeviceNode(older(0660, 7), FileType.BLOCK_DEVICE, 8, 1));
        b.add("special/huge-dev", new DeviceNode(plain(0600), FileType.CHAR_DEVICE, DeviceNode.MAX_MAJOR, DeviceNode.MAX_MINOR));
        b.add("special/fifo", new Fifo(older(0644, 8)));
        b.addHardlink("special/fifo-again", "special/fifo");
        b.addHardlink("special/null-again", "special/null");
        b.addHardlink("special/link-again", "special/short-link");

        // Xattrs of every kind, inline and shared.
        b.addDirectory("xattrs", plain(0755).withXattrs(xattrs("user.shared", "same value", "user.comment", "a directory")));
        b.add("xattrs/capable", new RegularFile(plain(0755).withXattrs(xattrs("security.capability", CAPABILITY)),
                Content.ofBytes(bytes(9, 5000))));
        b.add("xattrs/acl", new RegularFile(plain(0640).withXattrs(xattrs("system.posix_acl_access", ACL)),
                Content.ofBytes(bytes(10, 10))));
        b.add("xattrs/empty-value", new RegularFile(plain(0644).withXattrs(xattrs("user.empty", new byte[0])),
                Content.ofBytes(new byte[0])));
        b.add("xattrs/many", new RegularFile(older(0644, 9).withXattrs(many()), Content.ofBytes(bytes(11, 4000))));
        for (int i = 0; i < 60; i++) {
            // Large unique xattr bodies push inode heads across block boundaries.
            b.add("xattrs/blob" + i, new RegularFile(plain(0644).withXattrs(xattrs("user.blob", bytes(100 + i, 300 + i * 13),
                    "user.shared", "same value", "security.selinux", "system_u:object_r:usr_t:s0")),
                    Content.ofBytes(bytes(200 + i, i * 61))));
        }
        b.addHardlink("xattrs/capable-again", "xattrs/capable");
        b.addHardlink("sizes/hardlink-to-big", "big/entry-00007");
        return b.build();
    }

    private static Xattrs many() {
        java.util.TreeMap<String, byte[]> map = new java.util.TreeMap<>();
        for (int i = 0; i < 30; i++) {
            map.put("user.attr" + i, ("value " + i).repeat(i + 1).getBytes(StandardCharsets.UTF_8));
        }
        map.put("trusted.t", new byte[] {1, 2, 3});
        map.put("security.selinux", "system_u:object_r:usr_t:s0".getBytes(StandardCharsets.UTF_8));
        return Xattrs.of(Map.copyOf(map));
    }
}
