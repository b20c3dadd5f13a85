package dev.slipway.slot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotTrailerTest {

    private static final byte[] ROOT = HexFormat.of().parseHex("873d1df583d236666f321339a55328ddef9465e02cd2c964617d62aba2df846f");
    private static final SlotTrailer TRAILER = new SlotTrailer(207_613_952L, 207_613_952L, 50_687L, 4096, 4096,
            "sha256", ROOT, new byte[] {1, 2, 3}, "slipway-base", "0.1.0", "slipway/slipway-base/x86_64",
            0x0102_0304_0506_0708L, 209_260_544L, new byte[32]);

    @TempDir
    Path temp;

    @Test
    void knownBytes() {
        byte[] bytes = TRAILER.encode();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("SLIPSLOT", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(2, b.getInt(8));
        assertEquals(207_613_952L, b.getLong(16));
        assertEquals(207_613_952L, b.getLong(24));
        assertEquals(50_687L, b.getLong(32));
        assertEquals(4096, b.getInt(40));
        assertEquals(4096, b.getInt(44));
        assertEquals("sha256", new String(bytes, 48, 6, StandardCharsets.US_ASCII));
        assertEquals(0, bytes[54]);
        assertEquals(32, b.getShort(80));
        assertArrayEquals(ROOT, Arrays.copyOfRange(bytes, 88, 120));
        assertEquals(3, b.getShort(152));
        assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOfRange(bytes, 160, 163));
        assertEquals("slipway-base", new String(bytes, 416, 12, StandardCharsets.UTF_8));
        assertEquals("0.1.0", new String(bytes, 480, 5, StandardCharsets.UTF_8));
        assertEquals(209_260_544L, b.getLong(544));
        assertEquals("slipway/slipway-base/x86_64", new String(bytes, 584, 27, StandardCharsets.UTF_8));
        for (int i = 584 + 27; i < 712; i++) {
            assertEquals(0, bytes[i], "compatibility padding byte " + i);
        }
        assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, Arrays.copyOfRange(bytes, 712, 720));
        assertEquals(720, SlotTrailer.OFFSET_RESERVED);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 4092);
        assertEquals((int) crc.getValue(), b.getInt(4092));
        for (int i = SlotTrailer.OFFSET_RESERVED; i < SlotTrailer.OFFSET_CRC32C; i++) {
            assertEquals(0, bytes[i], "reserved byte " + i);
        }
    }

    @Test
    void roundTripThroughAPartitionsLastBlock() throws Exception {
        long partitionOffset = 3 << 20;
        long partitionSize = 256L << 20;
        try (FileChannel disk = FileChannel.open(temp.resolve("disk"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            TRAILER.writeTo(disk, partitionOffset, partitionSize);
            assertEquals(partitionOffset + partitionSize, disk.size());
            assertEquals(TRAILER, SlotTrailer.readFrom(disk, partitionOffset, partitionSize));
        }
    }

    @Test
    void anEmptySlotSaysSo() {
        SlotTrailerException e = assertThrows(SlotTrailerException.class, () -> SlotTrailer.decode(new byte[4096]));
        assertTrue(e.getMessage().contains("no slot trailer"), e.getMessage());
    }

    @Test
    void aFlippedBitIsCaughtByTheChecksum() {
        for (int at : new int[] {16, 88, 500, 4000}) {
            byte[] bytes = TRAILER.encode();
            bytes[at] ^= 0x01;
            SlotTrailerException e = assertThrows(SlotTrailerException.class, () -> SlotTrailer.decode(bytes));
            assertTrue(e.getMessage().contains("CRC-32C"), e.getMessage());
        }
    }

    @Test
    void aPayloadLargerThanTheSlotIsRefused() throws IOException {
        try (FileChannel disk = FileChannel.open(temp.resolve("small"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TRAILER.writeTo(disk, 0, 199L << 20));
            assertTrue(e.getMessage().contains("payload"), e.getMessage());
        }
    }

    @Test
    void aTrailerOfAnotherVersionIsRefusedClearly() {
        for (int version : new int[] {1, 3}) {
            byte[] bytes = TRAILER.encode();
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, version);
            resealed(bytes);
            SlotTrailerException e = assertThrows(SlotTrailerException.class, () -> SlotTrailer.decode(bytes));
            assertTrue(e.getMessage().contains("version " + version + ", but this Slipway reads only version 2"),
                    e.getMessage());
        }
    }

    @Test
    void aCompatibilityStringFillsItsPlaceLessTheTerminatingZero() throws Exception {
        String longest = "c".repeat(127);
        SlotTrailer t = trailer(longest, Long.MAX_VALUE);
        assertEquals(longest, SlotTrailer.decode(t.encode()).compatibility());
        assertEquals(Long.MAX_VALUE, SlotTrailer.decode(t.encode()).securityVersion());
        assertEquals(0, t.encode()[584 + 127]);
        byte[] unterminated = t.encode();
        unterminated[584 + 127] = 'c';
        resealed(unterminated);
        SlotTrailerException e = assertThrows(SlotTrailerException.class, () -> SlotTrailer.decode(unterminated));
        assertTrue(e.getMessage().contains("compatibility string of 128 bytes"), e.getMessage());
    }

    @Test
    void aSecurityVersionBeyondSignedLongIsRefused() {
        byte[] bytes = TRAILER.encode();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(712, -1L);
        resealed(bytes);
        SlotTrailerException e = assertThrows(SlotTrailerException.class, () -> SlotTrailer.decode(bytes));
        assertTrue(e.getMessage().contains("security version 18446744073709551615"), e.getMessage());
    }

    @Test
    void textFieldsLongerThanTheirPlaceAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SlotTrailer(4096, 4096, 1, 4096, 4096, "sha256", ROOT,
                new byte[0], "x".repeat(64), "1", "c", 1, 8192, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> trailer("c".repeat(128), 1));
        assertThrows(IllegalArgumentException.class, () -> trailer("", 1));
        assertThrows(IllegalArgumentException.class, () -> trailer("a\0b", 1));
        assertThrows(IllegalArgumentException.class, () -> trailer("c", -1));
    }

    private static SlotTrailer trailer(String compatibility, long securityVersion) {
        return new SlotTrailer(4096, 4096, 1, 4096, 4096, "sha256", ROOT, new byte[0], "n", "1", compatibility,
                securityVersion, 8192, new byte[32]);
    }

    /** Recomputes the CRC, so that only the field changed is wrong. */
    private static void resealed(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 4092);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4092, (int) crc.getValue());
    }
}
