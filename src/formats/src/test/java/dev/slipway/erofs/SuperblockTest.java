package dev.slipway.erofs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.testing.Command;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuperblockTest {

    private static final Superblock SAMPLE = new Superblock(36, 10253, new Timestamp(1_700_000_000L, 123_456_789),
            1148, 0, 3, UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), "slipway");

    @TempDir
    Path dir;

    @Test
    void fieldsSitAtTheirOffsets() {
        ByteBuffer block = encode(SAMPLE);
        ByteBuffer sb = block.slice(Superblock.OFFSET, Superblock.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("e2e1f5e0", hex(sb, Superblock.MAGIC_OFFSET, 4));
        assertEquals(0, sb.getInt(Superblock.CHECKSUM_OFFSET), "checksum is left zero until sealed");
        assertEquals(1, sb.getInt(Superblock.FEATURE_COMPAT_OFFSET));
        assertEquals(12, sb.get(Superblock.BLKSZBITS_OFFSET));
        assertEquals(0, sb.get(Superblock.EXTSLOTS_OFFSET));
        assertEquals(36, sb.getShort(Superblock.ROOT_NID_OFFSET));
        assertEquals(10253, sb.getLong(Superblock.INOS_OFFSET));
        assertEquals(1_700_000_000L, sb.getLong(Superblock.BUILD_TIME_OFFSET));
        assertEquals(123_456_789, sb.getInt(Superblock.BUILD_TIME_NSEC_OFFSET));
        assertEquals(1148, sb.getInt(Superblock.BLOCKS_OFFSET));
        assertEquals(0, sb.getInt(Superblock.META_BLKADDR_OFFSET));
        assertEquals(3, sb.getInt(Superblock.XATTR_BLKADDR_OFFSET));
        assertEquals("0f1e2d3c4b5a69788796a5b4c3d2e1f0", hex(sb, Superblock.UUID_OFFSET, 16));
        assertEquals("736c697077617900000000000000000000", hex(sb, Superblock.VOLUME_NAME_OFFSET, 17));
        assertEquals(0, sb.getInt(Superblock.FEATURE_INCOMPAT_OFFSET));
        for (int i = Superblock.FEATURE_INCOMPAT_OFFSET; i < Superblock.SIZE; i++) {
            assertEquals(0, sb.get(i), "byte " + i);
        }
    }

    @Test
    void checksumIsRawCrc32cOfTheRestOfBlockZero() {
        ByteBuffer block = encode(SAMPLE);
        for (int i = 2048; i < 4096; i++) {
            block.put(i, (byte) (i * 31));
        }
        Superblock.seal(block);
        int stored = block.order(ByteOrder.LITTLE_ENDIAN).getInt(Superblock.OFFSET + Superblock.CHECKSUM_OFFSET);
        byte[] covered = new byte[4096 - Superblock.OFFSET];
        block.get(Superblock.OFFSET, covered);
        Arrays.fill(covered, Superblock.CHECKSUM_OFFSET, Superblock.CHECKSUM_OFFSET + 4, (byte) 0);
        assertEquals(rawCrc32c(~0, covered), stored);
        // Sealing again covers the stored checksum as zero, so the value is stable.
        Superblock.seal(block);
        assertEquals(stored, block.getInt(Superblock.OFFSET + Superblock.CHECKSUM_OFFSET));
    }

    @Test
    void checksumMatchesWhatMkfsErofsStores() throws IOException {
        Path source = Files.createDirectories(dir.resolve("src"));
        Files.writeString(source.resolve("hello"), "hello\n");
        Path image = dir.resolve("mkfs.erofs");
        Command.run("mkfs.erofs", "-T0", "-U" + SAMPLE.uuid(), image.toString(), source.toString()).check();
        ByteBuffer block = ByteBuffer.wrap(Arrays.copyOf(Files.readAllBytes(image), 4096)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(block.getInt(Superblock.OFFSET + Superblock.CHECKSUM_OFFSET), Superblock.checksum(block));
    }

    @Test
    void rootNidMustFitSixteenBits() {
        assertThrows(IllegalArgumentException.class, () -> new Superblock(65536, 1, Timestamp.UNIX_EPOCH, 1, 0, 0,
                new UUID(0, 0), ""));
    }

    @Test
    void volumeNameOfSixteenBytesFillsTheField() {
        ByteBuffer block = encode(new Superblock(36, 1, Timestamp.UNIX_EPOCH, 1, 0, 0, new UUID(0, 0), "0123456789abcdef"));
        byte[] name = new byte[16];
        block.get(Superblock.OFFSET + Superblock.VOLUME_NAME_OFFSET, name);
        assertArrayEquals("0123456789abcdef".getBytes(), name);
        assertEquals(0, block.get(Superblock.OFFSET + Superblock.FEATURE_INCOMPAT_OFFSET));
    }

    private static ByteBuffer encode(Superblock sb) {
        ByteBuffer block = ByteBuffer.allocate(4096);
        sb.encodeInto(block);
        return block;
    }

    private static String hex(ByteBuffer b, int offset, int length) {
        byte[] bytes = new byte[length];
        b.get(offset, bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Bit-by-bit Castagnoli CRC without the final inversion, as the kernel's crc32c(seed, ...). */
    static int rawCrc32c(int seed, byte[] data) {
        int crc = seed;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
            }
        }
        return crc;
    }
}
