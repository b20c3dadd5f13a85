package dev.slipway.verity;

import dev.slipway.io.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One flipped bit anywhere that matters must make both veritysetup's verifier and ours fail, and
 * ours must name the damaged block. The volume is formatted by veritysetup once: 16385 data
 * blocks, so three levels (1, 2 and 129 hash blocks), the last level-0 block holding one digest.
 */
class VerityDamageTest {

    private static final long BLOCKS = 16385;

    @TempDir
    static Path dir;
    private static Path data;
    private static Path hash;
    private static byte[] root;
    private static TreeGeometry geometry;

    @BeforeAll
    static void formatWithVeritysetup() throws IOException {
        assertTrue(Veritysetup.available(), "veritysetup (cryptsetup-bin) is missing: run scripts/test, which installs it");
        data = Veritysetup.writeRandom(dir.resolve("data"), 42, BLOCKS * 4096);
        hash = dir.resolve("hash");
        VerityParameters p = VeritysetupRefereeTest.parameters(BLOCKS, 42);
        root = HexFormat.of().parseHex(Veritysetup.format(data, hash, p));
        geometry = TreeGeometry.afterSuperblock(p, 0);
        assertEquals(3, geometry.levels());
        assertTrue(Verity.verify(data, hash, 0, root, Progress.NONE).ok());
    }

    @Test
    void dataBit() throws IOException {
        VerityMismatch m = damaged(data, 12345 * 4096L + 100, 3);
        assertEquals(new VerityMismatch.DataBlock(12345, 12345 * 4096L), m);
        assertTrue(m.message().contains("data block 12345 at byte offset 50565120"), m.message());
    }

    @Test
    void firstOfTwoDamagedDataBlocksIsNamed() throws IOException {
        flip(data, 9000 * 4096L, 0);
        try {
            assertEquals(new VerityMismatch.DataBlock(7, 7 * 4096L), damaged(data, 7 * 4096L + 4095, 7));
        } finally {
            flip(data, 9000 * 4096L, 0);
        }
    }

    @Test
    void lastDataBlock() throws IOException {
        assertEquals(new VerityMismatch.DataBlock(16384, 16384 * 4096L), damaged(data, 16384 * 4096L + 4095, 7));
    }

    @Test
    void levelZeroHashBlock() throws IOException {
        long offset = geometry.blockOffset(0, 100);
        assertEquals(new VerityMismatch.HashBlock(0, 100, offset), damaged(hash, offset + 77, 1));
    }

    @Test
    void zeroPaddingOfTheLastLevelZeroBlock() throws IOException {
        // Block 128 of level 0 holds one digest; veritysetup checks the rest is zero ("spare area").
        long offset = geometry.blockOffset(0, 128);
        assertEquals(new VerityMismatch.HashBlock(0, 128, offset), damaged(hash, offset + 1000, 0));
    }

    @Test
    void levelOneHashBlock() throws IOException {
        long offset = geometry.blockOffset(1, 1);
        VerityMismatch m = damaged(hash, offset + 3, 5);
        assertEquals(new VerityMismatch.HashBlock(1, 1, offset), m);
        assertTrue(m.message().contains("hash block 1 of level 1 at byte offset " + offset), m.message());
    }

    @Test
    void topHashBlock() throws IOException {
        VerityMismatch m = damaged(hash, geometry.levelOffset(2) + 4000, 2);
        VerityMismatch.RootHash mismatch = assertInstanceOf(VerityMismatch.RootHash.class, m);
        assertEquals(geometry.levelOffset(2), mismatch.offset());
        assertTrue(m.message().startsWith("root hash mismatch"), m.message());
    }

    @Test
    void superblockSalt() throws IOException {
        assertInstanceOf(VerityMismatch.RootHash.class, damaged(hash, VeritySuperblock.OFFSET_SALT + 31, 6));
    }

    @Test
    void superblockDataBlocks() throws IOException {
        // 16385 -> 16384 blocks: two levels instead of three. The old top block becomes the new
        // top, so the root hash still matches, and the old level 1 passes for level 0's first two
        // blocks; the third (old level 0's first) has no digest in the top block.
        assertEquals(new VerityMismatch.HashBlock(0, 2, 16384), damaged(hash, VeritySuperblock.OFFSET_DATA_BLOCKS, 0));
    }

    @Test
    void superblockSignature() throws IOException {
        flip(hash, VeritySuperblock.OFFSET_SIGNATURE + 2, 4);
        try {
            assertNotEquals(0, veritysetupVerify(root));
            VerityException e = assertThrows(VerityException.class, () -> Verity.verify(data, hash, 0, root, Progress.NONE));
            assertTrue(e.getMessage().contains("signature"), e.getMessage());
        } finally {
            flip(hash, VeritySuperblock.OFFSET_SIGNATURE + 2, 4);
        }
    }

    @Test
    void wrongRootHash() throws IOException {
        byte[] wrong = root.clone();
        wrong[31] ^= 1;
        assertNotEquals(0, veritysetupVerify(wrong));
        VerificationResult result = Verity.verify(data, hash, 0, wrong, Progress.NONE);
        assertInstanceOf(VerityMismatch.RootHash.class, result.mismatch());
        assertTrue(result.message().contains(hash.toString()), result.message());
    }

    @Test
    void singleBlockVolume() throws IOException {
        Path one = Veritysetup.writeRandom(dir.resolve("one"), 1, 4096);
        Path oneHash = dir.resolve("one.hash");
        byte[] oneRoot = Verity.format(one, oneHash, 0, VeritysetupRefereeTest.parameters(1, 1), Progress.NONE).rootHash();
        flip(one, 2000, 3);
        try {
            assertNotEquals(0, Veritysetup.run("verify", one.toString(), oneHash.toString(),
                    HexFormat.of().formatHex(oneRoot)).exitCode());
            assertEquals(new VerityMismatch.DataBlock(0, 0), Verity.verify(one, oneHash, 0, oneRoot, Progress.NONE).mismatch());
        } finally {
            flip(one, 2000, 3);
        }
        assertTrue(Verity.verify(one, oneHash, 0, oneRoot, Progress.NONE).ok());
    }

    /** Flips one bit, checks that veritysetup rejects the volume, returns our mismatch, restores the bit. */
    private static VerityMismatch damaged(Path file, long offset, int bit) throws IOException {
        flip(file, offset, bit);
        try {
            assertNotEquals(0, veritysetupVerify(root), "veritysetup verify accepted the damage");
            VerificationResult result = Verity.verify(data, hash, 0, root, Progress.NONE);
            assertTrue(!result.ok(), "our verifier accepted the damage");
            assertTrue(result.message().contains(result.mismatch().message()), result.message());
            return result.mismatch();
        } finally {
            flip(file, offset, bit);
        }
    }

    private static int veritysetupVerify(byte[] rootHash) throws IOException {
        return Veritysetup.run("verify", data.toString(), hash.toString(), HexFormat.of().formatHex(rootHash)).exitCode();
    }

    private static void flip(Path file, long offset, int bit) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ (1 << bit)));
            channel.write(b.rewind(), offset);
        }
    }
}
