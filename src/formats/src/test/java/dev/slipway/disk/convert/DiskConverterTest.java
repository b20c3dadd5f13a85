package dev.slipway.disk.convert;

import dev.slipway.disk.DiskFixtures;
import dev.slipway.disk.DiskFormat;
import dev.slipway.disk.DiskImageException;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.Extent;
import dev.slipway.disk.HoleFinder;
import dev.slipway.disk.RawDisk;
import dev.slipway.io.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.slipway.disk.DiskFixtures.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskConverterTest {

    static final ConversionOptions OPTIONS = ConversionOptions.of(1_700_000_000L,
            "converter-test".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    static ConversionResult convert(Path in, Path out, DiskFormat format, ConversionOptions options) throws IOException {
        try (DiskSource source = DiskImages.open(in, HoleFinder.SCAN)) {
            return DiskConverter.convert(source, out, format, options, Progress.NONE);
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(DiskFormat.class)
    void roundTripsThroughEveryFormat(DiskFormat format) throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 48 * MIB, 21);
        Path out = dir.resolve("disk.out");
        ConversionResult result = convert(raw, out, format, OPTIONS);
        assertEquals(new ConversionResult(out.toAbsolutePath(), format, 48 * MIB, Files.size(out), result.bytesRead(),
                result.bytesWritten()), result);
        assertEquals(format, DiskFormat.detect(out));
        convert(out, dir.resolve("back.raw"), DiskFormat.RAW, OPTIONS);
        assertEquals(-1, Files.mismatch(raw, dir.resolve("back.raw")));
        assertEquals(List.of("back.raw", "disk.out", "disk.raw"), names(), "no partial files left");
        long data = 2 * MIB + 8192 + 4096 + 4 * MIB + 73728 + MIB + 4096 + 4096;
        assertTrue(result.bytesWritten() <= data, result.bytesWritten() + " > " + data);
    }

    @Test
    void sameInputAndOptionsGiveTheSameBytes() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 16 * MIB, 22);
        for (DiskFormat format : DiskFormat.values()) {
            convert(raw, dir.resolve("a"), format, OPTIONS);
            convert(raw, dir.resolve("b"), format, OPTIONS.withDetectZeros(false));
            assertEquals(-1, Files.mismatch(dir.resolve("a"), dir.resolve("b")), format.toString());
        }
        convert(raw, dir.resolve("v1"), DiskFormat.VHD, OPTIONS);
        convert(raw, dir.resolve("v2"), DiskFormat.VHD, ConversionOptions.of(1_700_000_001L, "converter-test".getBytes()));
        assertEquals(16 * MIB + dev.slipway.vhd.VhdFooter.OFFSET_TIME_STAMP + 3,
                Files.mismatch(dir.resolve("v1"), dir.resolve("v2")), "the epoch shows first in the time stamp");
    }

    @Test
    void aFailedConversionLeavesTheTargetAlone() throws IOException {
        Path raw = DiskFixtures.sparseRaw(dir.resolve("odd.raw"), 3 * MIB + 512, 23, new long[] {0}, new int[] {10});
        Path out = Files.writeString(dir.resolve("old.vhd"), "previous");
        DiskImageException e = assertThrows(DiskImageException.class, () -> convert(raw, out, DiskFormat.VHD, OPTIONS));
        assertTrue(e.getMessage().contains("whole number of MiB"), e.getMessage());
        assertEquals("previous", Files.readString(out));
        assertEquals(List.of("odd.raw", "old.vhd"), names());
    }

    @Test
    void anInterruptedConversionLeavesNoFile() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 16 * MIB, 24);
        try (RawDisk real = RawDisk.open(raw, HoleFinder.SCAN)) {
            DiskSource failing = new DiskSource() {
                private final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

                public long size() {
                    return real.size();
                }

                public List<Extent> extents() {
                    return real.extents();
                }

                public void read(ByteBuffer dst, long offset) throws IOException {
                    if (reads.incrementAndGet() % 3 == 0) {
                        throw new IOException("device went away");
                    }
                    real.read(dst, offset);
                }

                public void transferTo(long offset, long length, FileChannel target, long position) {
                    throw new UnsupportedOperationException();
                }

                public String description() {
                    return "failing disk";
                }

                public void close() {
                }
            };
            for (DiskFormat format : DiskFormat.values()) {
                assertThrows(IOException.class, () -> DiskConverter.convert(failing, dir.resolve("x." + format), format,
                        OPTIONS, Progress.NONE));
            }
        }
        assertEquals(List.of("disk.raw"), names());
    }

    @Test
    void rawAndVhdOutputsAreSparse() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 256 * MIB, 25);
        for (DiskFormat format : DiskFormat.values()) {
            Path out = dir.resolve("out." + format);
            convert(raw, out, format, OPTIONS);
            long allocated = DiskFixtures.allocated(out);
            assertTrue(allocated < 12 * MIB, format + ": " + allocated + " bytes allocated");
        }
    }

    @Test
    void vhdAndVhdxShareTheDiskId() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 8 * MIB, 26);
        convert(raw, dir.resolve("d.vhd"), DiskFormat.VHD, OPTIONS);
        convert(raw, dir.resolve("d.vhdx"), DiskFormat.VHDX, OPTIONS);
        assertEquals(OPTIONS.diskId(), dev.slipway.vhd.FixedVhd.readFooter(dir.resolve("d.vhd")).uniqueId());
        try (var vhdx = dev.slipway.vhdx.VhdxDisk.open(dir.resolve("d.vhdx"))) {
            assertEquals(OPTIONS.diskId(), vhdx.metadata().virtualDiskId());
        }
        assertArrayEquals(OPTIONS.seed(), "converter-test".getBytes(StandardCharsets.UTF_8));
    }
}
