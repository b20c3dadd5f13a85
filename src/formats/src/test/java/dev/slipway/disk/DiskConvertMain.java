package dev.slipway.disk;

import dev.slipway.disk.convert.ConversionOptions;
import dev.slipway.disk.convert.ConversionResult;
import dev.slipway.disk.convert.DiskConverter;
import dev.slipway.disk.convert.DiskImages;
import dev.slipway.io.Progress;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Converts a disk image from the command line, for bench/disk.sh and the forked-JVM memory test:
 * {@code DiskConvertMain IN OUT raw|vhd|vhdx [--no-zero-detection] [--block-size BYTES] [--repeat N]}
 * (with {@code --repeat}, the conversion runs N times in this JVM and the best time is shown). Holes
 * in raw inputs are found by scanning ({@link HoleFinder#SCAN}) unless the class named by the
 * system property {@code slipway.holeFinder} is on the class path. Prints one line of figures.
 */
public final class DiskConvertMain {

    private DiskConvertMain() {
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        DiskFormat format = DiskFormat.of(args[2]);
        ConversionOptions options = ConversionOptions.of(1_700_000_000L, "bench-seed".getBytes(StandardCharsets.UTF_8));
        int repeat = 1;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--no-zero-detection" -> options = options.withDetectZeros(false);
                case "--block-size" -> options = options.withVhdxBlockSize(Integer.parseInt(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HoleFinder holes = HoleFinder.SCAN;
        String finder = System.getProperty("slipway.holeFinder");
        if (finder != null) {
            holes = (HoleFinder) Class.forName(finder).getDeclaredConstructor().newInstance();
        }
        long start = System.nanoTime();
        try (DiskSource source = DiskImages.open(in, holes)) {
            long opened = System.nanoTime();
            ConversionResult result = null;
            long best = Long.MAX_VALUE;
            for (int run = 0; run < repeat; run++) {
                long begin = System.nanoTime();
                result = DiskConverter.convert(source, out, format, options, Progress.NONE);
                best = Math.min(best, System.nanoTime() - begin);
            }
            long done = opened + best;
            Runtime runtime = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "converted format=%s virtual=%d file=%d read=%d written=%d extents=%d "
                            + "open_s=%.3f convert_s=%.3f heap_used_mb=%d heap_max_mb=%d%n",
                    result.format(), result.virtualSize(), result.fileSize(), result.bytesRead(), result.bytesWritten(),
                    source.extents().size(), (opened - start) / 1e9, (done - opened) / 1e9,
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
        }
    }
}
