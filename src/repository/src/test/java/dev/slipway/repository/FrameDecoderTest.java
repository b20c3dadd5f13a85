package dev.slipway.repository;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and damaged frames. A repository can publish any bytes with a matching digest, so most
 * cases come twice: once caught by the digest (damage in transit), once with the index made to
 * match (a lying repository), where the decoder's own checks and its output bound must hold.
 */
class FrameDecoderTest {

    private static final int BLOCK = Fixtures.BLOCK;
    private static final int LENGTH = 4 * BLOCK;

    @TempDir
    Path dir;
    private byte[] data;
    private byte[] compressed;
    private FrameIndex.Frame frame;

    @BeforeEach
    void oneFrame() throws IOException {
        data = Fixtures.mixedData(21, 4);
        Path usr = Files.write(dir.resolve("usr.img"), data);
        Path frames = dir.resolve("usr.frames");
        frame = FramedPayload.write(usr, LENGTH, LENGTH, frames).frames().getFirst();
        compressed = Files.readAllBytes(frames);
    }

    @Test
    void decodesItsFrame() throws PayloadException {
        assertArrayEquals(data, FrameDecoder.decode(compressed, frame));
    }

    @Test
    void truncatedDownloadIsRefusedBeforeDecoding() {
        byte[] truncated = Arrays.copyOf(compressed, compressed.length - 1);
        assertRefused(truncated, frame, "frame 0 is " + truncated.length + " compressed bytes, the index says "
                + compressed.length);
    }

    @Test
    void truncatedFrameWithAMatchingIndexIsNotZstd() {
        byte[] truncated = Arrays.copyOf(compressed, compressed.length - 9);
        assertRefused(truncated, Fixtures.frameFor(truncated, 0, 0, LENGTH), "frame 0 is not a valid zstd frame");
    }

    @Test
    void flippedByteFailsTheDigest() {
        byte[] flipped = compressed.clone();
        flipped[flipped.length / 2] ^= 0x10;
        assertRefused(flipped, frame, "frame 0 has SHA-256 ");
        assertRefused(flipped, frame, ", the index says " + frame.sha256());
    }

    @Test
    void flippedByteWithAMatchingIndexFailsZstdsChecksum() {
        byte[] flipped = compressed.clone();
        flipped[flipped.length / 2] ^= 0x10;
        assertRefused(flipped, Fixtures.frameFor(flipped, 0, 0, LENGTH), "frame 0 is not a valid zstd frame");
    }

    @Test
    void wrongDigestInTheIndex() {
        FrameIndex.Frame lying = new FrameIndex.Frame(0, 0, LENGTH, 0, compressed.length, "ab".repeat(32));
        assertRefused(compressed, lying, "has SHA-256 " + frame.sha256() + ", the index says " + "ab".repeat(32));
    }

    @Test
    void frameDeclaringMoreContentIsRefusedBeforeDecoding() throws IOException {
        byte[] bigger = Fixtures.zstdCompress(dir, Fixtures.mixedData(21, 8));
        assertRefused(bigger, Fixtures.frameFor(bigger, 0, 0, LENGTH),
                "frame 0 declares 32768 bytes of content, the index says 16384: refusing to decompress more");
    }

    @Test
    void frameExpandingPastItsLengthIsStopped() throws IOException {
        byte[] bigger = Fixtures.zstdCompress(dir, Fixtures.mixedData(21, 8), "--no-content-size");
        assertRefused(bigger, Fixtures.frameFor(bigger, 0, 0, LENGTH),
                "frame 0 decompresses to more than the 16384 bytes the index says");
    }

    @Test
    void decompressionBombIsStoppedAtTheBound() throws IOException {
        // 64 MiB of zeros in about 2 KiB, claiming to be one 4 KiB block.
        byte[] bomb = Fixtures.zstdCompress(dir, new byte[64 << 20], "--no-content-size");
        assertTrue(bomb.length < FrameIndex.maxPayloadLength(BLOCK), "bomb is " + bomb.length + " bytes");
        assertRefused(bomb, Fixtures.frameFor(bomb, 7, 7 * BLOCK, BLOCK),
                "frame 7 decompresses to more than the 4096 bytes the index says");
    }

    @Test
    void frameDeclaringLessContentIsRefused() throws IOException {
        byte[] smaller = Fixtures.zstdCompress(dir, Arrays.copyOf(data, 3 * BLOCK));
        assertRefused(smaller, Fixtures.frameFor(smaller, 0, 0, LENGTH),
                "frame 0 declares 12288 bytes of content, the index says 16384");
    }

    @Test
    void frameDecodingToLessIsRefused() throws IOException {
        byte[] smaller = Fixtures.zstdCompress(dir, Arrays.copyOf(data, 3 * BLOCK), "--no-content-size");
        assertRefused(smaller, Fixtures.frameFor(smaller, 0, 0, LENGTH),
                "frame 0 decompresses to 12288 bytes, the index says 16384");
    }

    @Test
    void bytesThatAreNotZstd() {
        byte[] noise = new byte[300];
        new Random(1).nextBytes(noise);
        assertRefused(noise, Fixtures.frameFor(noise, 2, 2 * LENGTH, LENGTH), "frame 2 is not a valid zstd frame");
    }

    private static void assertRefused(byte[] bytes, FrameIndex.Frame frame, String expected) {
        PayloadException e = assertThrows(PayloadException.class, () -> FrameDecoder.decode(bytes, frame));
        assertTrue(e.getMessage().contains(expected), () -> "message: " + e.getMessage());
    }
}
