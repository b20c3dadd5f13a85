package dev.slipway.verity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VeritySuperblockTest {

    private static final UUID UUID_1 = UUID.fromString("12345678-1234-1234-1234-123456789abc");

    private static VerityParameters sample() {
        return new VerityParameters("sha256", 4096, 4096, 3, new byte[] {0x00, 0x11}, UUID_1);
    }

    /** The bytes veritysetup 2.6.1 wrote for these parameters, laid out field by field. */
    private static byte[] expectedBytes() {
        byte[] expected = new byte[512];
        HexFormat hex = HexFormat.of();
        put(expected, 0, hex.parseHex("7665726974790000"));                 // "verity\0\0"
        put(expected, 8, hex.parseHex("01000000"));                         // version 1
        put(expected, 12, hex.parseHex("01000000"));                        // hash type 1
        put(expected, 16, hex.parseHex("12345678123412341234123456789abc")); // uuid, textual order
        put(expected, 32, hex.parseHex("736861323536"));                    // "sha256", NUL-padded to 32
        put(expected, 64, hex.parseHex("00100000"));                        // data block size 4096
        put(expected, 68, hex.parseHex("00100000"));                        // hash block size 4096
        put(expected, 72, hex.parseHex("0300000000000000"));                // 3 data blocks
        put(expected, 80, hex.parseHex("0200"));                            // salt size 2
        put(expected, 88, hex.parseHex("0011"));                            // salt
        return expected;
    }

    private static void put(byte[] target, int offset, byte[] bytes) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Test
    void encodesKnownBytes() {
        assertArrayEquals(expectedBytes(), VeritySuperblock.of(sample()).encode());
    }

    @Test
    void decodesKnownBytes() throws IOException {
        VeritySuperblock superblock = VeritySuperblock.decode(expectedBytes());
        assertEquals(1, superblock.version());
        assertEquals(1, superblock.hashType());
        assertEquals(UUID_1, superblock.uuid());
        assertEquals("sha256", superblock.algorithm());
        assertEquals(4096, superblock.dataBlockSize());
        assertEquals(4096, superblock.hashBlockSize());
        assertEquals(3, superblock.dataBlocks());
        assertArrayEquals(new byte[] {0x00, 0x11}, superblock.salt());
        assertEquals(sample(), superblock.toParameters());
    }

    @Test
    void roundTripsFullSaltAndLongName() throws IOException {
        byte[] salt = Veritysetup.randomBytes(7, 256);
        VeritySuperblock superblock = new VeritySuperblock(1, 1, UUID.randomUUID(), "x".repeat(32), 512, 524288,
                Long.MAX_VALUE / 524288, salt);
        assertEquals(superblock, VeritySuperblock.decode(superblock.encode()));
    }

    @Test
    void readsAndWritesAtAnOffsetWithoutTouchingNeighbours(@TempDir Path dir) throws IOException {
        Path file = Veritysetup.writeRandom(dir.resolve("f"), 1, 4096);
        byte[] before = Files.readAllBytes(file);
        VeritySuperblock superblock = VeritySuperblock.of(sample());
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            superblock.write(channel, 1024);
        }
        byte[] after = Files.readAllBytes(file);
        assertEquals(4096, after.length);
        assertArrayEquals(Arrays.copyOf(before, 1024), Arrays.copyOf(after, 1024));
        assertArrayEquals(Arrays.copyOfRange(before, 1536, 4096), Arrays.copyOfRange(after, 1536, 4096));
        assertEquals(superblock, VeritySuperblock.read(file, 1024));
        assertThrows(IllegalArgumentException.class, () -> VeritySuperblock.read(file, 1000));
        VerityException eof = assertThrows(VerityException.class, () -> VeritySuperblock.read(file, 4096));
        assertTrue(eof.getMessage().contains("no verity superblock"), eof.getMessage());
    }

    @Test
    void rejectsDamage() {
        byte[] bytes = expectedBytes();
        bytes[3] ^= 1;
        VerityException signature = assertThrows(VerityException.class, () -> VeritySuperblock.decode(bytes));
        assertTrue(signature.getMessage().contains("signature"), signature.getMessage());

        byte[] version = expectedBytes();
        version[VeritySuperblock.OFFSET_VERSION] = 2;
        assertThrows(VerityException.class, () -> VeritySuperblock.decode(version));

        byte[] salt = expectedBytes();
        salt[VeritySuperblock.OFFSET_SALT_SIZE + 1] = 1; // 258 bytes
        assertThrows(VerityException.class, () -> VeritySuperblock.decode(salt));
    }

    @Test
    void refusesUnusableParameters() throws IOException {
        byte[] chromeOs = expectedBytes();
        chromeOs[VeritySuperblock.OFFSET_HASH_TYPE] = 0;
        VeritySuperblock decoded = VeritySuperblock.decode(chromeOs);
        assertEquals(0, decoded.hashType());
        assertThrows(VerityException.class, decoded::toParameters);

        byte[] blockSize = expectedBytes();
        blockSize[VeritySuperblock.OFFSET_DATA_BLOCK_SIZE] = 1; // 4097
        assertThrows(VerityException.class, () -> VeritySuperblock.decode(blockSize).toParameters());

        byte[] algorithm = expectedBytes();
        algorithm[VeritySuperblock.OFFSET_ALGORITHM] = 'x';
        assertThrows(VerityException.class, () -> VeritySuperblock.decode(algorithm).toParameters());
    }
}
