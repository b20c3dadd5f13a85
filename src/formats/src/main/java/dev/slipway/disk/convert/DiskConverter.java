package dev.slipway.disk.convert;

import dev.slipway.disk.DiskFormat;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.SparseCopy;
import dev.slipway.io.Progress;
import dev.slipway.vhd.FixedVhd;
import dev.slipway.vhd.VhdFooter;
import dev.slipway.vhdx.VhdxOptions;
import dev.slipway.vhdx.VhdxWriter;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a disk in another format, streaming: memory use does not grow with the disk. The output
 * is written beside {@code out} under a hidden temporary name and renamed into place when
 * complete, so an interrupted conversion leaves no half-written file under the final name. Raw and
 * VHD outputs are sparse (only non-zero grains are written, the length is set); VHDX outputs hold
 * only blocks with data, and those are sparse too.
 */
public final class DiskConverter {

    private DiskConverter() {
    }

    /**
     * Converts {@code in} to {@code out} in {@code format}, replacing any file there.
     *
     * @throws dev.slipway.disk.DiskImageException if the disk cannot be written in that format
     *                                             (a VHD must be a whole number of MiB, a VHDX a
     *                                             whole number of sectors up to 64 TiB)
     */
    public static ConversionResult convert(DiskSource in, Path out, DiskFormat format, ConversionOptions options,
                                           Progress progress) throws IOException {
        Path target = out.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path partial = directory.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
        try {
            Files.deleteIfExists(partial);
            SparseCopy.Stats stats = switch (format) {
                case RAW -> writeRaw(in, partial, options, progress);
                case VHD -> FixedVhd.write(in, partial, VhdFooter.fixed(in.size(), options.epochSeconds(), options.diskId()),
                        options.detectZeros(), progress);
                case VHDX -> {
                    VhdxOptions vhdx = VhdxOptions.derived(in.size(), options.seed());
                    if (options.vhdxBlockSize() != 0) {
                        vhdx = vhdx.withBlockSize(options.vhdxBlockSize());
                    }
                    yield VhdxWriter.write(in, partial, vhdx, options.detectZeros(), progress);
                }
            };
            long fileSize = Files.size(partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new ConversionResult(target, format, in.size(), fileSize, stats.bytesRead(), stats.bytesWritten());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static SparseCopy.Stats writeRaw(DiskSource in, Path out, ConversionOptions options, Progress progress)
            throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(out.toFile(), "rw")) {
            file.setLength(0);
            file.setLength(in.size());
            return SparseCopy.copy(in, file.getChannel(), (offset, length) -> offset, options.detectZeros(), progress);
        }
    }
}
