package dev.slipway.erofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryBlocksTest {

    record Target(long nid, int fileType) implements DirectoryBlocks.Target {
    }

    @Test
    void smallDirectoryMatchesMkfsErofs() {
        // mkfs.erofs 1.5's root directory holding one subdirectory "a": root nid 36, "a" nid 39.
        DirectoryBlocks dir = pack(List.of("a", ".", ".."), List.of(new Target(39, 2), new Target(36, 2), new Target(36, 2)));
        assertEquals(40, dir.size());
        assertEquals("2400000000000000" + "2400" + "0200" + "2400000000000000" + "2500" + "0200"
                + "2700000000000000" + "2700" + "0200" + "2e" + "2e2e" + "61", HexFormat.of().formatHex(block(dir, 0)));
    }

    @Test
    void dotAndDotDotSortAmongTheNamesByUnsignedBytes() {
        List<String> names = List.of("b", ".a", "...", "-", "!", ".", "..", ".-", "é", "Z");
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            targets.add(new Target(100 + i, 1));
        }
        DirectoryBlocks dir = pack(names, targets);
        List<String> decoded = decode(dir).stream().map(Entry::name).toList();
        assertEquals(List.of("!", "-", ".", ".-", "..", "...", ".a", "Z", "b", "é"), decoded);
    }

    @Test
    void entriesNeverStraddleBlocksAndEveryBlockDecodes() {
        List<String> names = new ArrayList<>(List.of(".", ".."));
        for (int i = 0; i < 60; i++) {
            names.add("n" + i + "x".repeat(190 + i));
        }
        names.add("a".repeat(255));
        names.add("é".repeat(127) + "y");
        List<Target> targets = names.stream().map(n -> new Target(n.length(), 1)).toList();
        DirectoryBlocks dir = pack(names, targets);
        assertTrue(dir.blockCount() > 3);
        List<Entry> entries = decode(dir);
        List<String> sorted = new ArrayList<>(names);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        assertEquals(sorted, entries.stream().map(Entry::name).toList());
        for (Entry e : entries) {
            assertEquals(e.name().length(), e.nid());
        }
    }

    @Test
    void tenThousandEntriesFillBlocksGreedily() {
        List<String> names = new ArrayList<>(List.of(".", ".."));
        List<Target> targets = new ArrayList<>(List.of(new Target(1, 2), new Target(1, 2)));
        for (int i = 0; i < 10_000; i++) {
            names.add(String.format("entry-%05d", i));
            targets.add(new Target(1000 + i, 1));
        }
        DirectoryBlocks dir = pack(names, targets);
        // 23 bytes per entry: 178 fit a block (4094 bytes), so 10,002 entries take 57 blocks.
        assertEquals(57, dir.blockCount());
        assertEquals(56L * 4096 + (10_002 - 56 * 178) * 23, dir.size());
        assertEquals(10_002, decode(dir).size());
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> pack(List.of(".", "..", "x", "x"),
                List.of(new Target(1, 2), new Target(1, 2), new Target(2, 1), new Target(3, 1))));
    }

    @Test
    void readAndCopyServeAnyRange() throws Exception {
        List<String> names = new ArrayList<>(List.of(".", ".."));
        for (int i = 0; i < 500; i++) {
            names.add("file" + i);
        }
        DirectoryBlocks dir = pack(names, names.stream().map(n -> new Target(7, 1)).toList());
        ByteBuffer whole = ByteBuffer.allocate((int) dir.size());
        dir.read(0, whole);
        ByteBuffer part = ByteBuffer.allocate(5000);
        dir.read(4000, part);
        assertEquals(ByteBuffer.wrap(whole.array(), 4000, 5000), part.flip());
    }

    record Entry(String name, long nid, int type) {
    }

    static DirectoryBlocks pack(List<String> names, List<Target> targets) {
        return DirectoryBlocks.pack(names.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList(), targets);
    }

    static byte[] block(DirectoryBlocks dir, int b) {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        dir.encodeBlock(b, buffer);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Reads the blocks back the way the kernel's readdir does. */
    static List<Entry> decode(DirectoryBlocks dir) {
        List<Entry> entries = new ArrayList<>();
        for (int b = 0; b < dir.blockCount(); b++) {
            byte[] bytes = block(dir, b);
            assertEquals(b < dir.blockCount() - 1 ? 4096 : dir.size() - 4096L * b, bytes.length);
            ByteBuffer block = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int count = block.getShort(DirectoryBlocks.NAMEOFF_OFFSET) / DirectoryBlocks.DIRENT_SIZE;
            assertTrue(count > 0);
            for (int i = 0; i < count; i++) {
                int at = i * DirectoryBlocks.DIRENT_SIZE;
                int start = block.getShort(at + DirectoryBlocks.NAMEOFF_OFFSET);
                int end = i + 1 < count ? block.getShort(at + DirectoryBlocks.DIRENT_SIZE + DirectoryBlocks.NAMEOFF_OFFSET)
                        : strnlenEnd(bytes, start);
                assertTrue(end > start && end - start <= 255);
                entries.add(new Entry(new String(bytes, start, end - start, StandardCharsets.UTF_8),
                        block.getLong(at + DirectoryBlocks.NID_OFFSET), block.get(at + DirectoryBlocks.FILE_TYPE_OFFSET)));
            }
        }
        return entries;
    }

    private static int strnlenEnd(byte[] bytes, int start) {
        int end = start;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return end;
    }
}
