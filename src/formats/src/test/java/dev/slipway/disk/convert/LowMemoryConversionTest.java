package dev.slipway.disk.convert;

import dev.slipway.disk.DiskConvertMain;
import dev.slipway.disk.DiskFixtures;
import dev.slipway.disk.DiskFormat;
import dev.slipway.disk.ListedExtents;
import dev.slipway.disk.QemuImg;
import dev.slipway.testing.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.slipway.disk.DiskFixtures.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Converting a 10 GiB disk with data spread over it fits in a 256 MiB heap: the conversion runs in
 * a forked JVM with {@code -Xmx256m}, and qemu-img checks what it wrote.
 */
class LowMemoryConversionTest {

    @TempDir
    Path dir;

    @Test
    void tenGibInA256MibHeap() throws IOException {
        DiskFixtures.Layout layout = DiskFixtures.spread(10 * GIB, 96, (1 << 20) + 12_345);
        Path raw = layout.write(dir.resolve("big.raw"), 41);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (DiskFormat format : List.of(DiskFormat.VHDX, DiskFormat.VHD)) {
            Path out = dir.resolve("big." + format.name().toLowerCase());
            Command.Result run = Command.run(java, "-Xmx256m", "-Dslipway.holeFinder=" + ListedExtents.class.getName(),
                    "-Dslipway.extents=" + layout.listed(), "-cp", System.getProperty("java.class.path"),
                    DiskConvertMain.class.getName(), raw.toString(), out.toString(), format.name()).check();
            System.out.print(run.out());
            Matcher heap = Pattern.compile("heap_max_mb=(\\d+)").matcher(run.out());
            assertTrue(heap.find() && Integer.parseInt(heap.group(1)) <= 256, run.out());
            assertEquals(10 * GIB, QemuImg.virtualSize(out, format));
            Path back = out;
            if (format == DiskFormat.VHDX) {
                QemuImg.check(out, format).check();
                back = dir.resolve("qemu-back.raw");
                QemuImg.convert(out, format, back, DiskFormat.RAW);
            }
            Command.Result compare = QemuImg.compare(raw, DiskFormat.RAW, back, format == DiskFormat.VHDX
                    ? DiskFormat.RAW : format);
            assertEquals(0, compare.exitCode(), compare.out() + compare.err());
        }
    }
}
