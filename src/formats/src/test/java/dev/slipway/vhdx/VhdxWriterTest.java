package dev.slipway.vhdx;

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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static dev.slipway.disk.DiskFixtures.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VhdxWriterTest {

    static final byte[] SEED = "vhdx-test".getBytes(StandardCharsets.UTF_8);
    /** Reports the whole file as data, so zero detection is the writer's alone. */
    static final HoleFinder ALL_DATA = (file, length) -> List.of(new Extent(0, length));

    @TempDir
    Path dir;

    static Path write(Path raw, Path vhdx, HoleFinder holes, int blockSize) throws IOException {
        try (DiskSource source = RawDisk.open(raw, holes)) {
            VhdxOptions options = VhdxOptions.derived(source.size(), SEED);
            VhdxWriter.write(source, vhdx, blockSize == 0 ? options : options.withBlockSize(blockSize), true, Progress.NONE);
        }
        return vhdx;
    }

    private static byte[] readAll(DiskSource disk) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(disk.size()));
        disk.read(all, 0);
        return all.array();
    }

    @Test
    void readsBackByteForByte() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 40 * MIB, 7);
        Path vhdx = write(raw, dir.resolve("disk.vhdx"), HoleFinder.SCAN, 0);
        try (VhdxDisk disk = VhdxDisk.open(vhdx)) {
            assertEquals(40 * MIB, disk.size());
            assertArrayEquals(Files.readAllBytes(raw), readAll(disk));
            assertEquals(List.of(new Extent(0, 4 * MIB), new Extent(5 * MIB, MIB), new Extent(13 * MIB, 5 * MIB),
                    new Extent(20 * MIB, MIB), new Extent(37 * MIB, 3 * MIB)), disk.extents());
        }
    }

    @Test
    void layoutAndMetadataAreSlipways() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 40 * MIB, 7);
        Path vhdx = write(raw, dir.resolve("disk.vhdx"), HoleFinder.SCAN, 0);
        VhdxOptions options = VhdxOptions.derived(40 * MIB, SEED);
        try (VhdxDisk disk = VhdxDisk.open(vhdx)) {
            assertEquals(new VhdxHeader(2, options.fileWriteGuid(), options.dataWriteGuid(), VhdxHeader.NO_LOG, 0, 1,
                    MIB, MIB), disk.header());
            assertEquals(new VhdxMetadata((int) MIB, false, false, 40 * MIB, options.virtualDiskId(), 512, 4096),
                    disk.metadata());
        }
        byte[] bytes = Files.readAllBytes(vhdx);
        assertEquals("vhdxfile", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
        assertEquals("Slipway", FileIdentifier.decode(Arrays.copyOf(bytes, FileIdentifier.ENCODED_SIZE)).creator());
        assertEquals(1, VhdxHeader.decode(Arrays.copyOfRange(bytes, 65536, 65536 + 4096)).sequenceNumber());
        RegionTable regions = RegionTable.decode(Arrays.copyOfRange(bytes, 192 * 1024, 256 * 1024));
        assertEquals(List.of(new RegionTable.Entry(RegionTable.BAT, 3 * MIB, MIB, true),
                new RegionTable.Entry(RegionTable.METADATA, 2 * MIB, MIB, true)), regions.entries());
        assertArrayEquals(Arrays.copyOfRange(bytes, 192 * 1024, 256 * 1024), Arrays.copyOfRange(bytes, 256 * 1024, 320 * 1024));
        // 14 present blocks of 1 MiB after the 1 MiB BAT region, in disk order.
        assertEquals(4 * MIB + 14 * MIB, bytes.length);
        ByteBuffer bat = ByteBuffer.wrap(bytes, (int) (3 * MIB), 8 * 41).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(BatEntry.present(4 * MIB), BatEntry.decode(bat.getLong(0)));
        assertEquals(BatEntry.ZERO, BatEntry.decode(bat.getLong(4 * 8)));
        assertEquals(BatEntry.present(8 * MIB), BatEntry.decode(bat.getLong(5 * 8)));
    }

    @Test
    void allZeroBlocksInsideExtentsAreNotStored() throws IOException {
        byte[] data = new byte[(int) (6 * MIB)];
        Arrays.fill(data, 0, 4096, (byte) 1);
        Arrays.fill(data, (int) (5 * MIB), (int) (5 * MIB) + 1, (byte) 2);
        Path raw = Files.write(dir.resolve("dense.raw"), data);
        Path vhdx = write(raw, dir.resolve("dense.vhdx"), ALL_DATA, 0);
        try (VhdxDisk disk = VhdxDisk.open(vhdx)) {
            assertEquals(List.of(new Extent(0, MIB), new Extent(5 * MIB, MIB)), disk.extents());
            assertArrayEquals(data, readAll(disk));
        }
        assertTrue(DiskFixtures.allocated(vhdx) < 200 * 1024, "allocated " + DiskFixtures.allocated(vhdx));
    }

    @Test
    void partialLastBlockAndOtherBlockSizes() throws IOException {
        long size = 5 * MIB + 512;
        Path raw = DiskFixtures.sparseRaw(dir.resolve("odd.raw"), size, 9, new long[] {100, size - 300}, new int[] {50, 300});
        for (int blockSize : new int[] {(int) (2 * MIB), (int) (32 * MIB), (int) (256 * MIB)}) {
            Path vhdx = write(raw, dir.resolve("odd-" + blockSize + ".vhdx"), HoleFinder.SCAN, blockSize);
            try (VhdxDisk disk = VhdxDisk.open(vhdx)) {
                assertEquals(blockSize, disk.metadata().blockSize());
                assertEquals(size, disk.extents().getLast().end());
                assertArrayEquals(Files.readAllBytes(raw), readAll(disk));
            }
        }
    }

    @Test
    void transfersLikeItReads() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 24 * MIB, 11);
        Path vhdx = write(raw, dir.resolve("disk.vhdx"), HoleFinder.SCAN, (int) (2 * MIB));
        Path copy = dir.resolve("copy");
        try (VhdxDisk disk = VhdxDisk.open(vhdx);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            disk.transferTo(0, disk.size(), out, 0);
        }
        assertArrayEquals(Files.readAllBytes(raw), Files.readAllBytes(copy));
    }

    @Test
    void sameInputAndSeedGiveTheSameBytes() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 24 * MIB, 13);
        byte[] first = Files.readAllBytes(write(raw, dir.resolve("a.vhdx"), HoleFinder.SCAN, 0));
        byte[] second = Files.readAllBytes(write(raw, dir.resolve("b.vhdx"), ALL_DATA, 0));
        assertArrayEquals(first, second, "the hole finder changes nothing in the output");
        try (DiskSource source = RawDisk.open(raw, HoleFinder.SCAN)) {
            VhdxWriter.write(source, dir.resolve("c.vhdx"), VhdxOptions.derived(source.size(), "other".getBytes()), true,
                    Progress.NONE);
        }
        assertFalse(Arrays.equals(first, Files.readAllBytes(dir.resolve("c.vhdx"))));
    }

    @Test
    void refusesSizesThatAreNotWholeSectors() throws IOException {
        Path raw = DiskFixtures.sparseRaw(dir.resolve("odd.raw"), MIB + 100, 1, new long[0], new int[0]);
        DiskImageException e = assertThrows(DiskImageException.class, () -> write(raw, dir.resolve("x.vhdx"), ALL_DATA, 0));
        assertTrue(e.getMessage().contains("multiple of 512"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VhdxOptions.derived(MIB, SEED).withBlockSize(3 * (int) MIB));
    }

    @Test
    void defaultBlockSizeGrowsOnlyPastOneTebibyte() {
        assertEquals(MIB, VhdxOptions.defaultBlockSize(10L << 30));
        assertEquals(MIB, VhdxOptions.defaultBlockSize(1L << 40));
        assertEquals(2 * MIB, VhdxOptions.defaultBlockSize((1L << 40) + 512));
        assertEquals(64 * MIB, VhdxOptions.defaultBlockSize(64L << 40));
    }
}
