package dev.slipway.repository;

import dev.slipway.testing.Command;
import dev.slipway.verity.TreeGeometry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hash areas made by veritysetup, laid out as in usr.img (the area right after the data), loaded
 * and used to check every block; then single flipped bytes in each part must be refused by name.
 * The damage cases share one volume of 16385 blocks: three levels (1, 2 and 129 hash blocks).
 */
class VerifiedHashTreeTest {

    private static final int BLOCK = Fixtures.BLOCK;
    private static final String SALT = "5a".repeat(32);
    private static final long BLOCKS = 16385;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    private static byte[] data;
    private static byte[] area;
    private static String root;
    private static TreeGeometry geometry;

    @BeforeAll
    static void formatWithVeritysetup() throws IOException {
        assertEquals(0, Command.run("veritysetup", "--version").exitCode(),
                "veritysetup (cryptsetup-bin) is missing: run scripts/install-test-deps");
        data = Fixtures.mixedData(99, (int) BLOCKS);
        Path image = Files.write(shared.resolve("usr.img"), data);
        root = veritysetupFormat(image, BLOCKS);
        area = areaOf(image, BLOCKS);
        geometry = TreeGeometry.of(BLOCK, 32, BLOCKS, BLOCK);
        assertEquals(3, geometry.levels());
        assertEquals(geometry.treeEnd(), area.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 127, 128, 129, 300})
    void everyBlockOfVeritysetupsVolumeVerifies(int blocks) throws IOException, PayloadException {
        byte[] volume = Fixtures.mixedData(blocks, blocks);
        Path image = Files.write(dir.resolve("usr.img"), volume);
        String rootHash = veritysetupFormat(image, blocks);
        Path frames = dir.resolve("usr.frames");
        FrameIndex index = FramedPayload.write(image, (long) blocks * BLOCK, 16 * BLOCK, frames);

        VerifiedHashTree tree = VerifiedHashTree.load(areaOf(image, blocks), rootHash, blocks);

        assertEquals(SALT, tree.parameters().saltHex());
        for (int b = 0; b < blocks; b++) {
            tree.verifyBlock(b, Arrays.copyOfRange(volume, b * BLOCK, (b + 1) * BLOCK));
        }
        for (FrameIndex.Frame frame : index.frames()) {
            tree.verifyFrame(frame, FrameDecoder.decode(Fixtures.payloadOf(frames, frame), frame));
        }
        byte[] last = Arrays.copyOfRange(volume, (blocks - 1) * BLOCK, blocks * BLOCK);
        last[4000] ^= 1;
        PayloadException e = assertThrows(PayloadException.class, () -> tree.verifyBlock(blocks - 1, last));
        assertTrue(e.getMessage().startsWith("data block " + (blocks - 1) + " at byte offset " + (blocks - 1) * BLOCK),
                e.getMessage());
    }

    @Test
    void bigVolumeVerifiesFrameByFrame() throws IOException, PayloadException {
        Path frames = dir.resolve("usr.frames");
        FrameIndex index = FramedPayload.write(shared.resolve("usr.img"), data.length, FrameIndex.DEFAULT_FRAME_SIZE,
                frames);
        VerifiedHashTree tree = VerifiedHashTree.load(area, root, BLOCKS);
        for (FrameIndex.Frame frame : index.frames()) {
            tree.verifyFrame(frame, FrameDecoder.decode(Fixtures.payloadOf(frames, frame), frame));
        }
        assertEquals(BLOCKS, tree.dataBlocks());
    }

    @Test
    void flippedDataByteNamesTheBlock() throws PayloadException {
        VerifiedHashTree tree = VerifiedHashTree.load(area, root, BLOCKS);
        byte[] block = Arrays.copyOfRange(data, 12345 * BLOCK, 12346 * BLOCK);
        block[100] ^= 0x08;
        assertRefused(() -> tree.verifyBlock(12345, block), "data block 12345 at byte offset 50565120 of usr.img"
                + " does not match its digest in the verified hash tree");
    }

    @Test
    void flippedDataByteInAFrameNamesTheBlockAndFrame() throws PayloadException {
        VerifiedHashTree tree = VerifiedHashTree.load(area, root, BLOCKS);
        FrameIndex.Frame frame = new FrameIndex.Frame(3, 3L << 20, 1 << 20, 0, 1, "00".repeat(32));
        byte[] frameData = Arrays.copyOfRange(data, 3 << 20, 4 << 20);
        frameData[5 * BLOCK + 7] ^= 0x40;
        assertRefused(() -> tree.verifyFrame(frame, frameData), "data block 773 (in frame 3) at byte offset 3166208");
    }

    @Test
    void flippedByteInTheTopBlock() {
        assertRefused(() -> VerifiedHashTree.load(flipped(area, (int) geometry.blockOffset(2, 0) + 31), root, BLOCKS),
                "hash tree level 2 (the top), block 0 at offset 4096 of the verity area hashes to ");
    }

    @Test
    void flippedByteInTheMiddleLevel() {
        assertRefused(() -> VerifiedHashTree.load(flipped(area, (int) geometry.blockOffset(1, 1) + 4095), root, BLOCKS),
                "hash tree level 1, block 1 at offset 12288 of the verity area does not match its digest in level 2");
    }

    @Test
    void flippedByteInTheLowestLevel() {
        int offset = (int) geometry.blockOffset(0, 128);
        assertRefused(() -> VerifiedHashTree.load(flipped(area, offset + 3000), root, BLOCKS),
                "hash tree level 0, block 128 at offset " + offset + " of the verity area does not match its digest"
                        + " in level 1");
    }

    @Test
    void wrongRootHash() {
        String wrong = root.substring(0, 63) + (root.charAt(63) == '0' ? '1' : '0');
        assertRefused(() -> VerifiedHashTree.load(area, wrong, BLOCKS), "hash tree level 2 (the top), block 0");
        assertRefused(() -> VerifiedHashTree.load(area, wrong, BLOCKS), "not the root hash " + wrong);
    }

    @Test
    void flippedSaltByteBreaksTheRoot() {
        assertRefused(() -> VerifiedHashTree.load(flipped(area, 88 + 5), root, BLOCKS),
                "hash tree level 2 (the top), block 0");
    }

    @Test
    void otherDataBlockCount() {
        assertRefused(() -> VerifiedHashTree.load(area, root, BLOCKS - 1),
                "the verity superblock's data blocks is 16385, expected 16384");
    }

    @Test
    void areaOneBlockShort() {
        assertRefused(() -> VerifiedHashTree.load(Arrays.copyOf(area, area.length - BLOCK), root, BLOCKS),
                "the verity area is " + (area.length - BLOCK) + " bytes, expected " + area.length
                        + " for 16385 data blocks (superblock block and 132 hash blocks)");
    }

    @Test
    void areaWithTrailingBytes() {
        assertRefused(() -> VerifiedHashTree.load(Arrays.copyOf(area, area.length + 1), root, BLOCKS),
                "the verity area is " + (area.length + 1) + " bytes, expected " + area.length);
    }

    @Test
    void nonZeroPaddingAfterTheSuperblock() {
        assertRefused(() -> VerifiedHashTree.load(flipped(area, 600), root, BLOCKS),
                "the verity area has a non-zero byte at offset 600, between the superblock and the tree");
    }

    @Test
    void damagedSuperblockSignature() {
        assertRefused(() -> VerifiedHashTree.load(flipped(area, 0), root, BLOCKS),
                "the verity area's superblock: no verity superblock");
    }

    @Test
    void otherAlgorithm() throws IOException {
        Path image = Files.write(dir.resolve("usr.img"), Fixtures.mixedData(4, 8));
        String sha512Root = veritysetupFormat(image, 8, "--hash=sha512");
        byte[] sha512Area = areaOf(image, 8);
        assertRefused(() -> VerifiedHashTree.load(sha512Area, sha512Root.substring(0, 64), 8),
                "the verity superblock's algorithm is sha512, expected sha256");
    }

    @Test
    void malformedRootHash() {
        assertRefused(() -> VerifiedHashTree.load(area, root.toUpperCase(), BLOCKS), "root hash \"" + root.toUpperCase()
                + "\" is not a SHA-256 digest in lowercase hex");
    }

    @Test
    void blockOutsideTheVolume() throws PayloadException {
        VerifiedHashTree tree = VerifiedHashTree.load(area, root, BLOCKS);
        assertRefused(() -> tree.verifyBlock(BLOCKS, new byte[BLOCK]), "data block 16385 is outside the tree's 16385");
        assertRefused(() -> tree.verifyBlock(0, new byte[512]), "data block 0 is 512 bytes, not 4096");
    }

    /** {@code veritysetup format} with the area right after the data, as usr.img has it; the root hash. */
    private static String veritysetupFormat(Path image, long blocks, String... options) throws IOException {
        Command.Result result = Command.run(concat(new String[]{"veritysetup", "format", image.toString(),
                image.toString(), "--hash-offset=" + blocks * BLOCK, "--data-blocks=" + blocks, "--salt=" + SALT,
                "--uuid=0b5e7d2c-6a4f-4e8b-9c3d-2f1a0e9d8c7b"}, options)).check();
        for (String line : result.out().split("\n")) {
            if (line.startsWith("Root hash:")) {
                return line.substring("Root hash:".length()).trim();
            }
        }
        throw new AssertionError("no root hash in:\n" + result.out());
    }

    private static byte[] areaOf(Path image, long blocks) throws IOException {
        byte[] all = Files.readAllBytes(image);
        return Arrays.copyOfRange(all, Math.toIntExact(blocks * BLOCK), all.length);
    }

    private static byte[] flipped(byte[] bytes, int offset) {
        byte[] copy = bytes.clone();
        copy[offset] ^= 0x01;
        return copy;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private interface Action {
        void run() throws PayloadException;
    }

    private static void assertRefused(Action action, String expected) {
        PayloadException e = assertThrows(PayloadException.class, action::run);
        assertTrue(e.getMessage().startsWith(expected) || e.getMessage().contains(expected),
                () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
