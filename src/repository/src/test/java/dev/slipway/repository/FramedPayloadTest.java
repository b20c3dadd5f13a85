package dev.slipway.repository;

import dev.slipway.testing.Command;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frames file against the zstd tool: every frame is a valid zstd frame of exactly its data. */
class FramedPayloadTest {

    private static final int BLOCK = Fixtures.BLOCK;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTools() throws IOException {
        assertEquals(0, Command.run("zstd", "--version").exitCode(), "zstd is missing: run scripts/install-test-deps");
    }

    @Test
    void mixedDataInSmallFramesWithAShortLastOne() throws IOException {
        byte[] data = Fixtures.mixedData(7, 23);
        byte[] verityArea = new byte[5000];
        new Random(8).nextBytes(verityArea);
        // What follows the data in usr.img (the verity area) must not reach the frames.
        Path usr = Files.write(dir.resolve("usr.img"), concat(data, verityArea));
        Path frames = dir.resolve("usr.frames");

        FrameIndex index = FramedPayload.write(usr, data.length, 3 * BLOCK, frames);

        assertEquals(8, index.frames().size());
        assertEquals(2 * BLOCK, index.frames().getLast().dataLength());
        assertEquals(Files.size(frames), index.payloadSize());
        assertFramesAreTheData(index, frames, data);
    }

    @Test
    void erofsImageInDefaultFrames() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/usr/lib"));
        Random random = new Random(11);
        byte[] noise = new byte[1_500_000];
        random.nextBytes(noise);
        Files.write(tree.resolve("random.bin"), noise);
        Files.write(tree.resolve("zeros.bin"), new byte[1 << 20]);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("line ").append(i).append(": ").append(Integer.toHexString(random.nextInt())).append('\n');
        }
        Files.writeString(tree.resolve("log.txt"), text, StandardCharsets.UTF_8);
        for (int i = 0; i < 50; i++) {
            Files.writeString(tree.resolve("small-" + i + ".conf"), "key=" + i + "\n".repeat(i));
        }
        Files.createSymbolicLink(tree.resolve("link"), Path.of("log.txt"));
        Path image = dir.resolve("usr.img");
        Command.run("mkfs.erofs", "-T0", image.toString(), dir.resolve("tree").toString()).check();
        byte[] data = Files.readAllBytes(image);
        assertEquals(0, data.length % BLOCK, "mkfs.erofs writes whole blocks");
        Path frames = dir.resolve("usr.frames");

        FrameIndex index = FramedPayload.write(image, data.length, FrameIndex.DEFAULT_FRAME_SIZE, frames);

        assertTrue(index.frames().size() >= 3, "several frames: " + index.frames().size());
        assertTrue(index.payloadSize() < data.length, "zeros and text compress");
        assertFramesAreTheData(index, frames, data);
    }

    @Test
    void sameInputSameBytes() throws IOException {
        Path usr = Files.write(dir.resolve("usr.img"), Fixtures.mixedData(3, 40));
        FrameIndex first = FramedPayload.write(usr, 40 * BLOCK, 4 * BLOCK, dir.resolve("a.frames"));
        FrameIndex second = FramedPayload.write(usr, 40 * BLOCK, 4 * BLOCK, dir.resolve("b.frames"));

        assertEquals(-1, Arrays.mismatch(Files.readAllBytes(dir.resolve("a.frames")),
                Files.readAllBytes(dir.resolve("b.frames"))), "first differing byte");
        assertArrayEquals(first.toJson(), second.toJson());
        assertEquals(first, second);
    }

    @Test
    void aSecondWriteReplacesTheFramesFile() throws IOException {
        Path usr = Files.write(dir.resolve("usr.img"), Fixtures.mixedData(5, 8));
        Path frames = Files.write(dir.resolve("usr.frames"), new byte[1 << 20]);
        FrameIndex index = FramedPayload.write(usr, 8 * BLOCK, 4 * BLOCK, frames);
        assertEquals(index.payloadSize(), Files.size(frames));
    }

    @Test
    void imageShorterThanTheDataSizeIsRefused() throws IOException {
        Path usr = Files.write(dir.resolve("usr.img"), new byte[3 * BLOCK]);
        EOFException e = assertThrows(EOFException.class,
                () -> FramedPayload.write(usr, 4 * BLOCK, 4 * BLOCK, dir.resolve("usr.frames")));
        assertTrue(e.getMessage().contains("shorter than the data size 16384"), e.getMessage());
    }

    @Test
    void frameSizeMustBeWholeBlocks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FramedPayload.write(dir.resolve("usr.img"), 4 * BLOCK, 5000, dir.resolve("usr.frames")));
        assertTrue(e.getMessage().contains("frame-size is 5000, not a multiple of 4096"), e.getMessage());
    }

    /** Each frame through {@code zstd -t} and {@code zstd -d}, and through our decoder; together, the data. */
    private void assertFramesAreTheData(FrameIndex index, Path frames, byte[] data) throws IOException {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (FrameIndex.Frame frame : index.frames()) {
            byte[] compressed = Fixtures.payloadOf(frames, frame);
            Path file = Files.write(dir.resolve("frame-" + frame.number() + ".zst"), compressed);
            Fixtures.zstd("-t", file.toString());
            byte[] decoded = Fixtures.zstd("-d", "-c", file.toString()).stdout();
            byte[] expected = Arrays.copyOfRange(data, (int) frame.dataOffset(), (int) frame.dataEnd());
            assertArrayEquals(expected, decoded, "frame " + frame.number() + " through zstd -d");
            assertArrayEquals(expected, assertDecodes(compressed, frame), "frame " + frame.number() + " through ours");
            joined.writeBytes(decoded);
        }
        assertArrayEquals(data, joined.toByteArray());
    }

    private static byte[] assertDecodes(byte[] compressed, FrameIndex.Frame frame) {
        try {
            return FrameDecoder.decode(compressed, frame);
        } catch (PayloadException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
