package dev.slipway.vhdx;

import dev.slipway.disk.DiskImageException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known bytes: the structures {@code qemu-img convert -O vhdx} (qemu 7.2) wrote for a 64 MiB disk
 * with one block of data, copied from the file with xxd. Our encoders must produce the same bytes
 * for the same values, and our decoders read qemu's.
 */
class QemuStructuresTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int MIB = 1 << 20;

    /** Header 1 at 64 KiB; the other 4016 bytes are zero. */
    private static final String HEADER = "68656164eb61c0ec939b85d900000000d7db4b589f21436e9cdf342e44ecb6d0"
            + "80bbda422f8840e3a002b28c6475fb5d00000000000000000000000000000000"
            + "00000100000010000000100000000000";
    /**
     * Region table at 192 KiB: BAT at 2 MiB, metadata at 3 MiB, 1 MiB each. qemu leaves both
     * entries' Required field 0; the specification lists both regions as required, and Slipway
     * sets it.
     */
    private static final String REGIONS = "7265676983ce6f2c02000000000000006677c22d23f600429d64115e9bfd4a08"
            + "00002000000000000000100000000000" + "06a27c8b90479a4bb8fe575f050f886e"
            + "00003000000000000000100000000000";
    /** The metadata table at 3 MiB. */
    private static final String METADATA_TABLE = "6d657461646174610000050000000000000000000000000000000000000000003767"
            + "a1ca36fa434db3b633f0aa44e76b000001000800000004000000000000002442a52f1bcd7648b2115dbed83bf4b8080001"
            + "00080000000600000000000000ab12cabee6b2234593efc309e000c74610000100100000000600000000000000"
            + "1dbf41816fa90947ba47f233a8faab5f20000100040000000600000000000000c748a3cd5d4471449cc9e98852"
            + "51c55624000100040000000600000000000000";
    /** The five items at 3 MiB + 64 KiB: 8 MiB blocks, 64 MiB, the disk id, 512, 512. */
    private static final String METADATA_ITEMS = "0000800000000000000000040000000007a13d21b66341d1a9b42c262c6e4d4400020000"
            + "00020000";

    private static byte[] padded(String hex, int size) {
        return Arrays.copyOf(HEX.parseHex(hex), size);
    }

    @Test
    void guidsAreStoredInMicrosoftsByteOrder() {
        assertEquals("6677c22d23f600429d64115e9bfd4a08", HEX.formatHex(Guids.bytes(RegionTable.BAT)));
        assertEquals(RegionTable.BAT, Guids.get(ByteBuffer.wrap(HEX.parseHex("6677c22d23f600429d64115e9bfd4a08")), 0));
    }

    @Test
    void headerDecodesAndReencodesToQemusBytes() throws DiskImageException {
        byte[] bytes = padded(HEADER, VhdxHeader.SIZE);
        VhdxHeader header = VhdxHeader.decode(bytes);
        assertEquals(0xd9859b93L, header.sequenceNumber());
        assertEquals(UUID.fromString("584bdbd7-219f-6e43-9cdf-342e44ecb6d0"), header.fileWriteGuid());
        assertEquals(UUID.fromString("42dabb80-882f-e340-a002-b28c6475fb5d"), header.dataWriteGuid());
        assertTrue(header.logIsEmpty());
        assertEquals(0, header.logVersion());
        assertEquals(1, header.version());
        assertEquals(MIB, header.logLength());
        assertEquals(MIB, header.logOffset());
        assertArrayEquals(bytes, header.encode(), "same bytes, CRC-32C included");
    }

    @Test
    void regionTableEncodesToQemusBytes() throws DiskImageException {
        RegionTable table = new RegionTable(List.of(
                new RegionTable.Entry(RegionTable.BAT, 2L * MIB, MIB, false),
                new RegionTable.Entry(RegionTable.METADATA, 3L * MIB, MIB, false)));
        byte[] qemu = padded(REGIONS, RegionTable.SIZE);
        assertArrayEquals(qemu, table.encode());
        assertEquals(table, RegionTable.decode(qemu));
    }

    @Test
    void metadataEncodesToQemusBytes() throws IOException {
        byte[] qemu = padded(METADATA_TABLE, VhdxMetadata.ENCODED_SIZE);
        byte[] items = HEX.parseHex(METADATA_ITEMS);
        System.arraycopy(items, 0, qemu, VhdxMetadata.ITEMS_OFFSET, items.length);
        VhdxMetadata metadata = new VhdxMetadata(8 * MIB, false, false, 64L * MIB,
                UUID.fromString("213da107-63b6-d141-a9b4-2c262c6e4d44"), 512, 512);
        assertArrayEquals(qemu, metadata.encode());
        byte[] region = Arrays.copyOf(qemu, MIB);
        assertEquals(metadata, VhdxMetadata.decode((offset, length) ->
                Arrays.copyOfRange(region, (int) offset, (int) offset + length), MIB));
    }

    @Test
    void batEntriesAsQemuWritesThem() {
        assertEquals(new BatEntry(BatEntry.PAYLOAD_BLOCK_FULLY_PRESENT, 8), BatEntry.decode(0x0000_0000_0080_0006L));
        assertEquals(8L * MIB, BatEntry.decode(0x0000_0000_0080_0006L).fileOffset());
        assertEquals(0x0000_0000_0080_0006L, BatEntry.present(8L * MIB).encode());
        assertEquals(BatEntry.ZERO, BatEntry.decode(2));
        assertEquals(2, BatEntry.ZERO.encode());
    }
}
