package dev.slipway.disk.convert;

import dev.slipway.disk.DiskFixtures;
import dev.slipway.disk.DiskFormat;
import dev.slipway.disk.DiskImageException;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.HoleFinder;
import dev.slipway.disk.QemuImg;
import dev.slipway.disk.RawDisk;
import dev.slipway.io.Progress;
import dev.slipway.testing.Command;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static dev.slipway.disk.DiskFixtures.GIB;
import static dev.slipway.disk.DiskFixtures.MIB;
import static dev.slipway.disk.DiskFormat.RAW;
import static dev.slipway.disk.DiskFormat.VHD;
import static dev.slipway.disk.DiskFormat.VHDX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** qemu-img (qemu-utils 7.2) as the referee: it must accept what we write, and we must read what it writes. */
class QemuRefereeTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsQemuImg() {
        assertTrue(QemuImg.available(), "qemu-img (qemu-utils) is missing: run scripts/test, which installs it");
    }

    private static void assertIdentical(Path a, DiskFormat fa, Path b, DiskFormat fb) throws IOException {
        Command.Result r = QemuImg.compare(a, fa, b, fb);
        assertEquals(0, r.exitCode(), fa + " vs " + fb + ": " + r.out() + r.err());
        assertTrue(r.out().contains("Images are identical"), r.out());
    }

    /**
     * qemu reads {@code image} as {@code raw}'s bytes. A VHDX is first converted to raw by qemu: it
     * cannot report holes, so comparing it with a large sparse raw would read every hole of the raw.
     */
    private void assertQemuReadsAs(Path raw, Path image, DiskFormat format) throws IOException {
        if (format != VHDX) {
            assertIdentical(raw, RAW, image, format);
            return;
        }
        Path back = dir.resolve("qemu-back.raw");
        QemuImg.convert(image, VHDX, back, RAW);
        assertIdentical(raw, RAW, back, RAW);
        Files.delete(back);
    }

    private static Path convert(DiskSource source, Path out, DiskFormat format, ConversionOptions options)
            throws IOException {
        return DiskConverter.convert(source, out, format, options, Progress.NONE).file();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2 << 20, 32 << 20})
    void qemuAcceptsOurVhdAndVhdx(int blockSize) throws IOException {
        DiskFixtures.Layout layout = DiskFixtures.scatteredLayout(100 * MIB);
        Path raw = layout.write(dir.resolve("disk.raw"), 31);
        Path vhd = dir.resolve("disk.vhd");
        Path vhdx = dir.resolve("disk.vhdx");
        try (DiskSource source = RawDisk.open(raw, layout.holes())) {
            convert(source, vhd, VHD, DiskConverterTest.OPTIONS);
            convert(source, vhdx, VHDX, DiskConverterTest.OPTIONS.withVhdxBlockSize(blockSize));
        }
        QemuImg.check(vhdx, VHDX).check();
        assertTrue(QemuImg.check(vhdx, VHDX).out().contains("No errors were found"));
        assertEquals(100 * MIB, QemuImg.virtualSize(vhd, VHD));
        assertEquals(100 * MIB, QemuImg.virtualSize(vhdx, VHDX));
        assertIdentical(raw, RAW, vhd, VHD);
        assertIdentical(raw, RAW, vhdx, VHDX);
        assertIdentical(vhd, VHD, vhdx, VHDX);
    }

    @Test
    void vhdxOfAnOddSizeAndAllZeroDisk() throws IOException {
        DiskFixtures.Layout[] layouts = {DiskFixtures.scatteredLayout(50 * MIB + 1536),
                new DiskFixtures.Layout(3 * GIB, new long[0], new int[0])};
        for (DiskFixtures.Layout layout : layouts) {
            Path raw = layout.write(dir.resolve("disk.raw"), 32);
            Path vhdx = dir.resolve("disk.vhdx");
            try (DiskSource source = RawDisk.open(raw, layout.holes())) {
                convert(source, vhdx, VHDX, DiskConverterTest.OPTIONS);
            }
            QemuImg.check(vhdx, VHDX).check();
            assertEquals(layout.size(), QemuImg.virtualSize(vhdx, VHDX));
            assertQemuReadsAs(raw, vhdx, VHDX);
        }
    }

    /** qemu's VHDX variants and its fixed VHD read back, through our reader, as the original bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"vhdx", "vhdx:subformat=fixed", "vhdx:subformat=fixed,block_state_zero=off",
            "vhdx:block_size=1M,block_state_zero=off", "vhdx:block_size=64M", "vpc:subformat=fixed,force_size=on"})
    void weReadWhatQemuWrites(String variant) throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 72 * MIB, 33);
        String[] parts = variant.split(":");
        DiskFormat format = parts[0].equals("vpc") ? VHD : VHDX;
        Path theirs = dir.resolve("theirs." + parts[0]);
        if (parts.length > 1) {
            QemuImg.convert(raw, RAW, theirs, format, "-o", parts[1]);
        } else {
            QemuImg.convert(raw, RAW, theirs, format);
        }
        assertEquals(format, DiskFormat.detect(theirs));
        Path back = DiskConverterTest.convert(theirs, dir.resolve("back.raw"), RAW, DiskConverterTest.OPTIONS).file();
        assertEquals(-1, Files.mismatch(raw, back), variant);
        Path ours = DiskConverterTest.convert(theirs, dir.resolve("ours.vhdx"), VHDX, DiskConverterTest.OPTIONS).file();
        assertIdentical(raw, RAW, ours, VHDX);
    }

    @Test
    void qemusDynamicVhdIsRefusedClearly() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 16 * MIB, 34);
        Path dynamic = dir.resolve("dynamic.vhd");
        QemuImg.convert(raw, RAW, dynamic, VHD);
        assertEquals(VHD, DiskFormat.detect(dynamic));
        DiskImageException e = assertThrows(DiskImageException.class,
                () -> DiskImages.open(dynamic, HoleFinder.SCAN).close());
        assertTrue(e.getMessage().contains("is a dynamic VHD; only fixed VHDs are read"), e.getMessage());
    }

    @Test
    void aMostlyEmptyTenGibDiskGivesASmallVhdxAndSparseOutputs() throws IOException {
        DiskFixtures.Layout layout = DiskFixtures.spread(10 * GIB, 16, 64 * 1024);
        Path raw = layout.write(dir.resolve("big.raw"), 35);
        try (DiskSource source = RawDisk.open(raw, layout.holes())) {
            for (DiskFormat format : DiskFormat.values()) {
                Path out = convert(source, dir.resolve("big." + format), format, DiskConverterTest.OPTIONS);
                long allocated = DiskFixtures.allocated(out);
                System.out.printf(Locale.ROOT, "10 GiB disk, 2 MiB of data, as %s: file %d bytes, %d allocated "
                                + "(apparent size / allocated = %.0f)%n", format, Files.size(out), allocated,
                        (double) Files.size(out) / allocated);
                assertTrue(allocated < 4 * MIB, format + ": " + allocated + " bytes allocated");
                assertEquals(10 * GIB, QemuImg.virtualSize(out, format));
                assertQemuReadsAs(raw, out, format);
            }
        }
        long vhdx = Files.size(dir.resolve("big.VHDX"));
        assertTrue(vhdx <= 4 * MIB + 18 * MIB, "VHDX of " + vhdx + " bytes: header, log, metadata, BAT, 18 blocks");
        QemuImg.check(dir.resolve("big.VHDX"), VHDX).check();
    }

    @Test
    void sameInputAndSeedGiveIdenticalFiles() throws IOException {
        DiskFixtures.Layout layout = DiskFixtures.scatteredLayout(64 * MIB);
        Path raw = layout.write(dir.resolve("disk.raw"), 36);
        for (DiskFormat format : new DiskFormat[] {VHD, VHDX}) {
            Path a;
            Path b;
            try (DiskSource source = RawDisk.open(raw, layout.holes())) {
                a = convert(source, dir.resolve("a." + format), format, DiskConverterTest.OPTIONS);
            }
            try (DiskSource source = RawDisk.open(raw, HoleFinder.SCAN)) {
                b = convert(source, dir.resolve("b." + format), format, DiskConverterTest.OPTIONS);
            }
            assertEquals(-1, Files.mismatch(a, b), format + " differs between two runs");
            Path theirs = dir.resolve("theirs." + format);
            QemuImg.convert(raw, RAW, theirs, format, "-o", format == VHD ? "subformat=fixed,force_size=on" : "subformat=dynamic");
            assertNotEquals(-1, Files.mismatch(a, theirs), "not a copy of qemu's output");
        }
    }

    /** Where we refuse damage, qemu refuses or complains too. */
    @Test
    void qemuAgreesOnDamage() throws IOException {
        Path raw = DiskFixtures.scattered(dir.resolve("disk.raw"), 32 * MIB, 37);
        Path vhd = DiskConverterTest.convert(raw, dir.resolve("d.vhd"), VHD, DiskConverterTest.OPTIONS).file();
        Path vhdx = DiskConverterTest.convert(raw, dir.resolve("d.vhdx"), VHDX, DiskConverterTest.OPTIONS).file();
        flip(vhd, 32 * MIB + 45);
        assertTrue(assertThrows(DiskImageException.class, () -> DiskImages.open(vhd, HoleFinder.SCAN).close())
                .getMessage().contains("checksum mismatch"));
        assertNotEquals(0, QemuImg.check(vhd, VHD).exitCode() + Command.run("qemu-img", "info", "-f", "vpc",
                vhd.toString()).exitCode());
        flip(vhdx, 64 * 1024 + 100);
        flip(vhdx, 128 * 1024 + 100);
        assertTrue(assertThrows(DiskImageException.class, () -> DiskImages.open(vhdx, HoleFinder.SCAN).close())
                .getMessage().contains("no valid header"));
        assertNotEquals(0, QemuImg.check(vhdx, VHDX).exitCode());
        Path cut = DiskConverterTest.convert(raw, dir.resolve("cut.vhdx"), VHDX, DiskConverterTest.OPTIONS).file();
        try (RandomAccessFile file = new RandomAccessFile(cut.toFile(), "rw")) {
            file.setLength(file.length() - 3 * MIB);
        }
        assertTrue(assertThrows(DiskImageException.class, () -> DiskImages.open(cut, HoleFinder.SCAN).close())
                .getMessage().contains("truncated: payload block"));
        assertNotEquals(0, QemuImg.check(cut, VHDX).exitCode());
    }

    private static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x10);
        }
    }
}
