package dev.slipway.cpio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import dev.slipway.tree.Content;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.FileType;
import dev.slipway.tree.Fifo;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.tree.Xattrs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libarchive (bsdtar) and GNU cpio are the referees: what bsdtar extracts from our archive is the
 * tree, name by name, and GNU cpio lists the names in the tree's order.
 */
class CpioWriterTest {

    private static final Timestamp TIME = Timestamp.ofSeconds(1_747_699_200L);

    @TempDir
    Path temp;

    private static Metadata meta(int permissions, long uid, long gid, long seconds) {
        return Metadata.of(permissions, uid, gid, Timestamp.ofSeconds(seconds));
    }

    static FileTree initramfsLikeTree() throws Exception {
        TreeBuilder builder = new TreeBuilder(TIME);
        builder.addDirectory("bin", meta(0755, 0, 0, 1_700_000_000L));
        builder.addDirectory("dev", meta(0755, 0, 0, 1_700_000_001L));
        builder.addDirectory("lib/modules/6.1.0/kernel", meta(0755, 0, 0, 1_700_000_002L));
        byte[] large = new byte[3 << 20];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + (i >> 12));
        }
        builder.add("bin/busybox", new RegularFile(meta(0755, 0, 0, 1_600_000_000L), Content.ofBytes(large)));
        builder.add("init", new RegularFile(meta(0755, 0, 0, 1_600_000_001L),
                Content.ofBytes("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII))));
        builder.add("empty", new RegularFile(meta(0600, 1000, 100, 1_600_000_002L), Content.ofBytes(new byte[0])));
        builder.add("odd-1", new RegularFile(meta(0644, 0, 0, 1_600_000_003L), Content.ofBytes(new byte[] {1})));
        builder.add("odd-22", new RegularFile(meta(0644, 0, 0, 1_600_000_003L), Content.ofBytes(new byte[22])));
        builder.add("bin/sh", new Symlink(meta(0777, 0, 0, 1_600_000_004L), "busybox"));
        builder.add("dev/console", new DeviceNode(meta(0600, 0, 5, 1_600_000_005L), FileType.CHAR_DEVICE, 5, 1));
        builder.add("dev/sda", new DeviceNode(meta(0660, 0, 6, 1_600_000_005L), FileType.BLOCK_DEVICE, 8, 0));
        builder.add("run-fifo", new Fifo(meta(0644, 0, 0, 1_600_000_006L)));
        builder.add("lib/modules/6.1.0/kernel/dm-verity.ko", new RegularFile(meta(0644, 0, 0, 1_600_000_007L),
                Content.ofBytes("module".getBytes(StandardCharsets.US_ASCII))));
        builder.add("lib/é-unicode name", new RegularFile(meta(0644, 0, 0, 1_600_000_008L),
                Content.ofBytes(new byte[5])));
        return builder.build();
    }

    private static byte[] archive(FileTree tree) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = CpioWriter.write(tree, out);
        assertEquals(out.size(), length);
        return out.toByteArray();
    }

    @Test
    void gnuCpioExtractsExactlyTheTree() throws Exception {
        FileTree tree = initramfsLikeTree();
        Path archive = Files.write(temp.resolve("initrd.cpio"), archive(tree));
        Path extracted = Files.createDirectories(temp.resolve("x"));
        // libarchive's bsdtar restores directory and symlink times, which GNU cpio does not.
        Command.run("bsdtar", "-xpf", archive.toString(), "-C", extracted.toString()).check();
        // Directory sizes belong to the filesystem: printed as 0. Symlink targets follow a '>'.
        String listing = Command.run("sh", "-c", "cd '" + extracted + "' && find . -mindepth 1 \\( -type d -printf"
                + " '%P|%y|%m|%U|%G|%T@|0\\n' \\) -o \\( -type l -printf '%P|%y|%m|%U|%G|%T@|%s>%l\\n' \\)"
                + " -o -printf '%P|%y|%m|%U|%G|%T@|%s\\n' | LC_ALL=C sort -t'|' -k1,1").check().out();
        assertEquals(String.join("\n",
                "bin|d|755|0|0|1700000000.0000000000|0",
                "bin/busybox|f|755|0|0|1600000000.0000000000|3145728",
                "bin/sh|l|777|0|0|1600000004.0000000000|7>busybox",
                "dev|d|755|0|0|1700000001.0000000000|0",
                "dev/console|c|600|0|5|1600000005.0000000000|0",
                "dev/sda|b|660|0|6|1600000005.0000000000|0",
                "empty|f|600|1000|100|1600000002.0000000000|0",
                "init|f|755|0|0|1600000001.0000000000|18",
                "lib|d|755|0|0|1747699200.0000000000|0",
                "lib/modules|d|755|0|0|1747699200.0000000000|0",
                "lib/modules/6.1.0|d|755|0|0|1747699200.0000000000|0",
                "lib/modules/6.1.0/kernel|d|755|0|0|1700000002.0000000000|0",
                "lib/modules/6.1.0/kernel/dm-verity.ko|f|644|0|0|1600000007.0000000000|6",
                "lib/é-unicode name|f|644|0|0|1600000008.0000000000|5",
                "odd-1|f|644|0|0|1600000003.0000000000|1",
                "odd-22|f|644|0|0|1600000003.0000000000|22",
                "run-fifo|p|644|0|0|1600000006.0000000000|0") + "\n", listing);
        assertArrayEquals(Files.readAllBytes(extracted.resolve("bin/busybox")), read(tree, "bin/busybox"));
        String devices = Command.run("stat", "-c", "%n %t:%T", extracted.resolve("dev/console").toString(),
                extracted.resolve("dev/sda").toString()).check().out();
        assertTrue(devices.contains("console 5:1") && devices.contains("sda 8:0"), devices);
    }

    @Test
    void theArchiveDependsOnlyOnTheTree() throws Exception {
        byte[] first = archive(initramfsLikeTree());
        assertArrayEquals(first, archive(initramfsLikeTree()));
        assertEquals(0, first.length % 4, "every item ends on a 4-byte boundary");
        String listed = Command.run("sh", "-c", "cpio -t --quiet < '" + Files.write(temp.resolve("a.cpio"), first)
                + "'").check().out();
        assertTrue(listed.startsWith(".\nbin\nbin/busybox\nbin/sh\ndev\n"), listed);
    }

    @Test
    void extendedAttributesAreRefusedNotDropped() throws Exception {
        TreeBuilder builder = new TreeBuilder(TIME);
        builder.add("ping", new RegularFile(Metadata.of(0755, 0, 0, TIME).withXattrs(
                Xattrs.of(Map.of("security.capability", new byte[20]))), Content.ofBytes(new byte[1])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> archive(builder.build()));
        assertTrue(e.getMessage().contains("/ping has extended attributes"), e.getMessage());
    }

    private static byte[] read(FileTree tree, String path) throws Exception {
        RegularFile file = (RegularFile) dev.slipway.tree.TreeEdits.lookup(tree, path).orElseThrow();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) file.size());
        file.content().read(0, buffer);
        return buffer.array();
    }
}
