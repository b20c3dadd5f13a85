package dev.slipway.verity;

import dev.slipway.io.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's own checks and contracts, without veritysetup. */
class VerityTest {

    @TempDir
    Path dir;

    private static VerityParameters params(long blocks) {
        return new VerityParameters("sha256", 4096, 4096, blocks, new byte[] {1, 2, 3}, new UUID(1, 2));
    }

    @Test
    void singleBlockRootIsTheSaltedDigestOfTheBlock() throws IOException, NoSuchAlgorithmException {
        Path data = Veritysetup.writeRandom(dir.resolve("data"), 1, 4096);
        VerityResult result = Verity.format(data, dir.resolve("hash"), 0, params(1), Progress.NONE);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[] {1, 2, 3});
        assertArrayEquals(sha256.digest(Files.readAllBytes(data)), result.rootHash());
        assertEquals(0, result.geometry().levels());
        // Like veritysetup, the file reaches where the (empty) tree starts.
        assertEquals(4096, Files.size(dir.resolve("hash")));
        assertEquals(4096, result.hashAreaEnd());
    }

    @Test
    void twoLevelRootByHand() throws IOException, NoSuchAlgorithmException {
        Path data = Veritysetup.writeRandom(dir.resolve("data"), 2, 130 * 4096);
        VerityResult result = Verity.format(data, dir.resolve("hash"), 0, params(130), Progress.NONE);
        byte[] bytes = Files.readAllBytes(data);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] level0 = new byte[2 * 4096];
        for (int i = 0; i < 130; i++) {
            sha.update(new byte[] {1, 2, 3});
            sha.update(bytes, i * 4096, 4096);
            System.arraycopy(sha.digest(), 0, level0, i * 32, 32);
        }
        byte[] level1 = new byte[4096];
        for (int i = 0; i < 2; i++) {
            sha.update(new byte[] {1, 2, 3});
            sha.update(level0, i * 4096, 4096);
            System.arraycopy(sha.digest(), 0, level1, i * 32, 32);
        }
        sha.update(new byte[] {1, 2, 3});
        assertArrayEquals(sha.digest(level1), result.rootHash());
        byte[] hash = Files.readAllBytes(dir.resolve("hash"));
        assertArrayEquals(level1, Arrays.copyOfRange(hash, 4096, 8192));
        assertArrayEquals(level0, Arrays.copyOfRange(hash, 8192, 16384));
    }

    @Test
    void reportsProgressInDataBytes() throws IOException {
        Path data = Veritysetup.writeRandom(dir.resolve("data"), 3, 10000 * 4096);
        AtomicLong advanced = new AtomicLong();
        List<String> events = new ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void start(String task, long total) {
                events.add("start " + total);
            }

            @Override
            public void advance(long units) {
                advanced.addAndGet(units);
            }

            @Override
            public void finish() {
                events.add("finish");
            }
        };
        VerityResult result = Verity.format(data, dir.resolve("hash"), 0, params(10000), progress);
        assertEquals(List.of("start " + 10000 * 4096L, "finish"), events);
        assertEquals(10000 * 4096L, advanced.get());
        assertTrue(Verity.verify(data, dir.resolve("hash"), 0, result.rootHash(), progress).ok());
        assertEquals(2 * 10000 * 4096L, advanced.get());
    }

    @Test
    void coversOnlyTheGivenDataBlocks() throws IOException {
        Path data = Veritysetup.writeRandom(dir.resolve("data"), 4, 500 * 4096 + 100);
        VerityResult result = Verity.format(data, dir.resolve("hash"), 0, params(300), Progress.NONE);
        VerificationResult verified = Verity.verify(data, dir.resolve("hash"), 0, result.rootHash(), Progress.NONE);
        assertTrue(verified.ok(), verified::message);
        assertEquals(300, verified.parameters().dataBlocks());
        // Bytes past the covered blocks are not part of the volume.
        Files.write(data, new byte[] {9}, java.nio.file.StandardOpenOption.APPEND);
        assertTrue(Verity.verify(data, dir.resolve("hash"), 0, result.rootHash(), Progress.NONE).ok());
    }

    @Test
    void refusesOverlapAndBadOffsets() throws IOException {
        Path image = Veritysetup.writeRandom(dir.resolve("image"), 5, 100 * 4096);
        byte[] before = Files.readAllBytes(image);
        assertThrows(IllegalArgumentException.class, () -> Verity.format(image, image, 99 * 4096, params(100), Progress.NONE));
        assertThrows(IllegalArgumentException.class, () -> Verity.format(image, dir.resolve("h"), 1000, params(100), Progress.NONE));
        assertArrayEquals(before, Files.readAllBytes(image));
        assertFalse(Files.exists(dir.resolve("h")));
        VerityResult appended = Verity.format(image, image, 100 * 4096, params(100), Progress.NONE);
        assertEquals(100 * 4096 + 4096 + 4096, Files.size(image));
        assertArrayEquals(before, Arrays.copyOf(Files.readAllBytes(image), before.length));
        assertTrue(Verity.verify(image, image, 100 * 4096, appended.rootHash(), Progress.NONE).ok());
        // Reading the hash area at the wrong place finds no superblock.
        assertThrows(VerityException.class, () -> Verity.verify(image, image, 0, appended.rootHash(), Progress.NONE));
    }

    @Test
    void refusesShortFilesAndWrongRootSize() throws IOException {
        Path data = Veritysetup.writeRandom(dir.resolve("data"), 6, 10 * 4096);
        VerityException shortData = assertThrows(VerityException.class,
                () -> Verity.format(data, dir.resolve("hash"), 0, params(11), Progress.NONE));
        assertTrue(shortData.getMessage().contains("too short"), shortData.getMessage());
        VerityResult result = Verity.format(data, dir.resolve("hash"), 0, params(10), Progress.NONE);
        assertThrows(IllegalArgumentException.class,
                () -> Verity.verify(data, dir.resolve("hash"), 0, new byte[20], Progress.NONE));
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve("hash"), java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(result.hashAreaEnd() - 1);
        }
        assertThrows(VerityException.class, () -> Verity.verify(data, dir.resolve("hash"), 0, result.rootHash(), Progress.NONE));
    }

    @Test
    void formatIsDeterministicAndSaltMatters() throws IOException {
        Path data = Veritysetup.writeRandom(dir.resolve("data"), 7, 1000 * 4096);
        byte[] a = Verity.format(data, dir.resolve("a"), 0, params(1000), Progress.NONE).rootHash();
        byte[] b = Verity.format(data, dir.resolve("b"), 0, params(1000), Progress.NONE).rootHash();
        byte[] c = Verity.format(data, dir.resolve("c"), 0, params(1000).withSalt(new byte[0]), Progress.NONE).rootHash();
        assertArrayEquals(a, b);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a")), Files.readAllBytes(dir.resolve("b")));
        assertNotEquals(Arrays.toString(a), Arrays.toString(c));
    }

    @Test
    void parametersValidate() {
        VerityParameters p = params(1);
        assertThrows(IllegalArgumentException.class, () -> p.withBlockSizes(256, 4096));
        assertThrows(IllegalArgumentException.class, () -> p.withBlockSizes(4096, 3000));
        assertThrows(IllegalArgumentException.class, () -> p.withBlockSizes(4096, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> p.withSalt(new byte[257]));
        assertThrows(IllegalArgumentException.class, () -> p.withDataBlocks(0));
        assertThrows(IllegalArgumentException.class, () -> p.withAlgorithm("md5"));
        assertThrows(IllegalArgumentException.class, () -> VerityParameters.forDataSize(4095));
        assertEquals(256, p.withSalt(new byte[256]).salt().length);
        assertEquals(3, VerityParameters.forDataSize(3 * 4096).dataBlocks());
        VerityParameters random = VerityParameters.of(5);
        assertEquals(32, random.salt().length);
        assertEquals("sha256", random.algorithm());
        assertEquals(random, random.withSalt(random.salt()));
        byte[] salt = random.salt();
        salt[0] ^= 1;
        assertNotEquals(random, random.withSalt(salt));
        assertEquals("-", p.withSalt(new byte[0]).saltHex());
    }
}
