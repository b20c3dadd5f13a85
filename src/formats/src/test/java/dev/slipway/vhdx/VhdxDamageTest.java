package dev.slipway.vhdx;

import dev.slipway.disk.DiskFixtures;
import dev.slipway.disk.DiskImageException;
import dev.slipway.disk.HoleFinder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static dev.slipway.disk.DiskFixtures.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged or unsupported VHDX files are refused with a message naming the file and the problem. */
class VhdxDamageTest {

    @TempDir
    Path dir;
    Path vhdx;

    @BeforeEach
    void writeOne() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 16 * MIB, 3);
        vhdx = VhdxWriterTest.write(raw, dir.resolve("disk.vhdx"), HoleFinder.SCAN, 0);
    }

    private void patch(long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(vhdx.toFile(), "rw")) {
            file.seek(offset);
            file.write(bytes);
        }
    }

    private void flipByte(long offset) throws IOException {
        byte[] b = new byte[1];
        try (RandomAccessFile file = new RandomAccessFile(vhdx.toFile(), "rw")) {
            file.seek(offset);
            b[0] = (byte) (file.read() ^ 0x40);
        }
        patch(offset, b);
    }

    private void truncate(long length) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(vhdx.toFile(), "rw")) {
            file.setLength(length);
        }
    }

    private void setBatEntry(int index, long value) throws IOException {
        patch(VhdxWriter.BAT_OFFSET + 8L * index, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    private VhdxHeader currentHeader() throws IOException {
        byte[] bytes = Files.readAllBytes(vhdx);
        return VhdxHeader.decode(Arrays.copyOfRange(bytes, Vhdx.HEADER_2_OFFSET, Vhdx.HEADER_2_OFFSET + VhdxHeader.SIZE));
    }

    private String refusal() {
        DiskImageException e = assertThrows(DiskImageException.class, () -> VhdxDisk.open(vhdx).close());
        assertTrue(e.getMessage().startsWith(vhdx.toString()), e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void oneBadHeaderLeavesTheOther() throws IOException {
        flipByte(Vhdx.HEADER_2_OFFSET + VhdxHeader.OFFSET_LOG_OFFSET);
        try (VhdxDisk disk = VhdxDisk.open(vhdx)) {
            assertEquals(1, disk.header().sequenceNumber());
        }
        flipByte(Vhdx.HEADER_1_OFFSET + 200);
        assertMentions(refusal(), "no valid header", "header 1 (offset 65536): header checksum mismatch",
                "header 2 (offset 131072): header checksum mismatch");
    }

    @Test
    void badSignatureAndVersion() throws IOException {
        patch(Vhdx.HEADER_1_OFFSET, "HEAD".getBytes());
        VhdxHeader current = currentHeader();
        patch(Vhdx.HEADER_2_OFFSET, new VhdxHeader(2, current.fileWriteGuid(), current.dataWriteGuid(),
                VhdxHeader.NO_LOG, 0, 2, MIB, MIB).encode());
        assertMentions(refusal(), "header 1 (offset 65536): no \"head\" signature", "version 2, not 1");
    }

    @Test
    void aLogToReplayIsRefused() throws IOException {
        VhdxHeader current = currentHeader();
        UUID log = UUID.fromString("11111111-2222-3333-4444-555555555555");
        patch(Vhdx.HEADER_2_OFFSET, new VhdxHeader(3, current.fileWriteGuid(), current.dataWriteGuid(), log, 0, 1,
                MIB, MIB).encode());
        assertMentions(refusal(), "log holds entries to replay", log.toString(), "not closed cleanly");
    }

    @Test
    void regionTables() throws IOException {
        flipByte(Vhdx.REGION_TABLE_1_OFFSET + 20);
        VhdxDisk.open(vhdx).close();
        flipByte(Vhdx.REGION_TABLE_2_OFFSET + 40_000);
        assertMentions(refusal(), "no valid region table", "copy 1 (offset 196608): region table checksum mismatch",
                "copy 2 (offset 262144): region table checksum mismatch");
    }

    @Test
    void truncatedFiles() throws IOException {
        long length = Files.size(vhdx);
        truncate(length - MIB / 2);
        assertMentions(refusal(), "truncated: payload block 15 at file offset " + (length - MIB), "file ends at "
                + (length - MIB / 2));
        truncate(2 * MIB + MIB / 2);
        assertMentions(refusal(), "truncated: the BAT region ends at 4194304 but the file has 2621440 bytes");
        truncate(500_000);
        assertMentions(refusal(), "truncated: 500000 bytes, less than the 1 MiB header section");
    }

    @Test
    void blockStatesOnlyDifferencingDisksMayUse() throws IOException {
        setBatEntry(4, 7);
        assertMentions(refusal(), "payload block 4 is partially present");
        setBatEntry(4, 5);
        assertMentions(refusal(), "payload block 4 has the reserved state 5");
        setBatEntry(4, BatEntry.present(MIB).encode());
        assertMentions(refusal(), "payload block 4 at file offset 1048576 overlaps the log at 1048576");
        setBatEntry(4, BatEntry.present(3 * MIB).encode());
        assertMentions(refusal(), "payload block 4 at file offset 3145728 overlaps the BAT at 3145728");
    }

    @Test
    void differencingDisksAreRefused() throws IOException {
        long flags = VhdxWriter.METADATA_OFFSET + VhdxMetadata.ITEMS_OFFSET + VhdxMetadata.FILE_PARAMETERS_OFFSET_FLAGS;
        patch(flags, new byte[] {VhdxMetadata.FLAG_HAS_PARENT});
        assertMentions(refusal(), "a differencing VHDX");
    }

    @Test
    void metadataOutOfRange() throws IOException {
        long blockSize = VhdxWriter.METADATA_OFFSET + VhdxMetadata.ITEMS_OFFSET;
        patch(blockSize, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(3 << 20).array());
        assertMentions(refusal(), "metadata: block size 3145728 is not a power of two");
        patch(VhdxWriter.METADATA_OFFSET, "METADATA".getBytes());
        assertMentions(refusal(), "no \"metadata\" signature");
    }

    @Test
    void notAVhdx() throws IOException {
        patch(0, "VHDXFILE".getBytes());
        assertMentions(refusal(), "does not start with \"vhdxfile\"");
    }
}
