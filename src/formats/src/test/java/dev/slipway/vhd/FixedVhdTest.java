package dev.slipway.vhd;

import dev.slipway.disk.DiskFixtures;
import dev.slipway.disk.DiskImageException;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.Extent;
import dev.slipway.disk.HoleFinder;
import dev.slipway.disk.RawDisk;
import dev.slipway.io.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static dev.slipway.disk.DiskFixtures.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedVhdTest {

    private static final UUID ID = UUID.fromString("0f0e0d0c-0b0a-4908-8706-050403020100");

    @TempDir
    Path dir;

    private Path writeVhd(Path raw) throws IOException {
        Path vhd = dir.resolve("disk.vhd");
        try (DiskSource source = RawDisk.open(raw, HoleFinder.SCAN)) {
            FixedVhd.write(source, vhd, VhdFooter.fixed(source.size(), 1_700_000_000L, ID), true, Progress.NONE);
        }
        return vhd;
    }

    @Test
    void isTheDiskThenTheFooter() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 40 * MIB, 1);
        Path vhd = writeVhd(raw);
        byte[] rawBytes = Files.readAllBytes(raw);
        byte[] vhdBytes = Files.readAllBytes(vhd);
        assertEquals(rawBytes.length + 512, vhdBytes.length);
        assertEquals(-1, Arrays.mismatch(rawBytes, Arrays.copyOf(vhdBytes, rawBytes.length)));
        assertArrayEquals(VhdFooter.fixed(40 * MIB, 1_700_000_000L, ID).encode(),
                Arrays.copyOfRange(vhdBytes, rawBytes.length, vhdBytes.length));
    }

    @Test
    void readsBackAsTheDiskWithoutTheFooter() throws IOException {
        Path raw = DiskFixtures.sparseRaw(dir.resolve("disk.raw"), 8 * MIB, 2, new long[] {MIB}, new int[] {4096});
        Path vhd = writeVhd(raw);
        try (DiskSource disk = FixedVhd.open(vhd, HoleFinder.SCAN)) {
            assertEquals(8 * MIB, disk.size());
            assertEquals(List.of(new Extent(MIB, MIB)), disk.extents());
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            disk.read(buffer, MIB);
            assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(raw), (int) MIB, (int) MIB + 4096), buffer.array());
        }
    }

    @Test
    void refusesSizesThatAreNotWholeMiB() throws IOException {
        Path raw = DiskFixtures.sparseRaw(dir.resolve("odd.raw"), 8 * MIB + 512, 3, new long[0], new int[0]);
        DiskImageException e = assertThrows(DiskImageException.class, () -> writeVhd(raw));
        assertTrue(e.getMessage().contains("not a whole number of MiB") && e.getMessage().contains("9437184 bytes (9 MiB)"),
                e.getMessage());
    }

    @Test
    void refusesADamagedFooterNamingTheFileAndOffset() throws IOException {
        Path vhd = writeVhd(DiskFixtures.sparseRaw(dir.resolve("disk.raw"), 2 * MIB, 4, new long[0], new int[0]));
        try (RandomAccessFile file = new RandomAccessFile(vhd.toFile(), "rw")) {
            file.seek(2 * MIB + VhdFooter.OFFSET_ORIGINAL_SIZE);
            file.write(0x7F);
        }
        DiskImageException e = assertThrows(DiskImageException.class, () -> FixedVhd.open(vhd, HoleFinder.SCAN));
        assertTrue(e.getMessage().contains(vhd.toString()) && e.getMessage().contains("at offset 2097152")
                && e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        Path vhd = writeVhd(DiskFixtures.sparseRaw(dir.resolve("disk.raw"), 2 * MIB, 5, new long[0], new int[0]));
        byte[] footer = Arrays.copyOfRange(Files.readAllBytes(vhd), (int) (2 * MIB), (int) (2 * MIB) + 512);
        Path cut = dir.resolve("cut.vhd");
        try (RandomAccessFile file = new RandomAccessFile(cut.toFile(), "rw")) {
            file.setLength(MIB);
            file.seek(MIB);
            file.write(footer);
        }
        DiskImageException e = assertThrows(DiskImageException.class, () -> FixedVhd.open(cut, HoleFinder.SCAN));
        assertTrue(e.getMessage().contains("size of 2097152 bytes but the file holds 1048576"), e.getMessage());
    }

    @Test
    void refusesDynamicDisks() throws IOException {
        VhdFooter dynamic = new VhdFooter(2, VhdFooter.FORMAT_VERSION, 512, 0, "win ", 0, "Wi2k", MIB, MIB,
                DiskGeometry.forSize(MIB), VhdFooter.DISK_TYPE_DYNAMIC, ID, false);
        Path vhd = dir.resolve("dynamic.vhd");
        Files.write(vhd, dynamic.encode());
        DiskImageException e = assertThrows(DiskImageException.class, () -> FixedVhd.open(vhd, HoleFinder.SCAN));
        assertTrue(e.getMessage().contains("is a dynamic VHD; only fixed VHDs are read"), e.getMessage());
    }
}
