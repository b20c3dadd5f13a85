package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ESP written inside a disk file, checked by fsck.vfat and read back by mtools. */
class EspFilesystemTest {

    private static final long OFFSET = 1L << 20;
    private static final long SIZE = 64L << 20;
    private static final Timestamp EPOCH = Timestamp.ofSeconds(1_747_699_200L);

    @TempDir
    Path temp;

    @Test
    void fsckAcceptsItAndTheFilesComeBackOut() throws Exception {
        byte[] big = new byte[3 << 20];
        new Random(7).nextBytes(big);
        Path disk = write("disk.raw", tree(big), "staging-1");

        Path partition = temp.resolve("esp.img");
        Command.run("dd", "if=" + disk, "of=" + partition, "bs=1M", "skip=1", "count=64", "status=none").check();
        String fsck = Command.run("fsck.vfat", "-n", partition.toString()).check().out();
        assertTrue(fsck.contains("files"), fsck);
        String label = Command.run("sh", "-c", "MTOOLS_SKIP_CHECK=1 mlabel -s -i \"$1\" ::", "sh", partition.toString())
                .check().out();
        assertTrue(label.contains(EspFilesystem.LABEL), label);

        Path out = Files.createDirectories(temp.resolve("out"));
        Command.run("sh", "-c", "MTOOLS_SKIP_CHECK=1 mcopy -s -i \"$1\" ::/ \"$2\"", "sh", partition.toString(),
                out.toString()).check();
        assertEquals("timeout 3\n", Files.readString(out.resolve("loader/loader.conf")));
        assertEquals(-1, Files.mismatch(out.resolve("EFI/BOOT/BOOTX64.EFI"), writeBytes(temp.resolve("big"), big)));
        assertTrue(Files.isDirectory(out.resolve("loader/entries")));
    }

    @Test
    void twoWritesGiveTheSameBytesAndNothingOutsideThePartition() throws Exception {
        byte[] big = new byte[100_000];
        new Random(3).nextBytes(big);
        Path first = write("first.raw", tree(big), "staging-a");
        Path second = write("second.raw", tree(big), "staging-b");
        assertEquals(-1, Files.mismatch(first, second));
        try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "r")) {
            byte[] before = new byte[(int) OFFSET];
            raf.readFully(before);
            assertEquals(0, countNonZero(before), "bytes before the partition were written");
            byte[] after = new byte[1 << 20];
            raf.seek(OFFSET + SIZE);
            raf.readFully(after);
            assertEquals(0, countNonZero(after), "bytes after the partition were written");
        }
    }

    @Test
    void clusterSizeGivesFat32EnoughClusters() {
        assertEquals(8, EspFilesystem.sectorsPerCluster(1L << 30));
        assertEquals(2, EspFilesystem.sectorsPerCluster(128L << 20));
        assertEquals(1, EspFilesystem.sectorsPerCluster(33L << 20));
    }

    private Path write(String name, FileTree tree, String staging) throws Exception {
        Path disk = temp.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(disk.toFile(), "rw")) {
            raf.setLength(OFFSET + SIZE + (1 << 20));
        }
        EspFilesystem.write(disk, OFFSET, SIZE, tree, 0x1234ABCD, EPOCH, Files.createDirectories(temp.resolve(staging)),
                temp.resolve(name + ".log"), BuildListener.SILENT);
        return disk;
    }

    private static FileTree tree(byte[] big) throws Exception {
        Metadata file = Metadata.of(0644, 0, 0, EPOCH);
        TreeBuilder builder = new TreeBuilder(EPOCH);
        builder.addDirectory("loader/entries", Metadata.of(0755, 0, 0, EPOCH));
        builder.add("loader/loader.conf", new RegularFile(file, Content.ofBytes("timeout 3\n".getBytes(StandardCharsets.UTF_8))));
        builder.add("EFI/BOOT/BOOTX64.EFI", new RegularFile(file, Content.ofBytes(big)));
        return builder.build();
    }

    private static Path writeBytes(Path path, byte[] bytes) throws IOException {
        return Files.write(path, bytes);
    }

    private static int countNonZero(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }
}
