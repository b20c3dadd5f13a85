package dev.slipway.cli;

import dev.slipway.disk.DiskFormat;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.convert.ConversionOptions;
import dev.slipway.disk.convert.ConversionResult;
import dev.slipway.disk.convert.DiskConverter;
import dev.slipway.disk.convert.DiskImages;
import dev.slipway.source.SparseFiles;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {
            "Converts a disk image between raw, fixed VHD and VHDX. The input's format is recognised by its"
                + " content. Streams: only the input's data is read (holes are skipped) and all-zero blocks stay"
                + " holes (raw, VHD) or unallocated (VHDX), so the disk is never held in memory.",
            "OUT is written under a temporary name and renamed into place. Same input, same bytes: the VHD time"
                + " stamp comes from --epoch, and identifiers from a digest of the input."})
final class DiskConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "IN", description = "Disk image to read: raw, fixed VHD or VHDX.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Disk image to write.")
    Path out;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "Output format: raw, vhd (fixed, size a whole number of MiB) or vhdx.")
    String format;

    @Option(names = "--epoch", paramLabel = "SECONDS",
            description = "Time stamp written into a VHD or VHDX. Default: SOURCE_DATE_EPOCH, else IN's mtime.")
    Long epoch;

    @Option(names = "--detect-zeros",
            description = "Also leave all-zero 4 KiB blocks of a raw or VHD output as holes where the input has them"
                    + " allocated (slower: every byte is scanned). VHDX outputs always scan, since which blocks a VHDX"
                    + " allocates is part of its bytes.")
    boolean detectZeros;

    @Override
    public Integer call() throws IOException {
        DiskFormat target = formatOption();
        Timestamp explicit = Epochs.explicit(epoch);
        long epochSeconds = explicit != null ? explicit.seconds() : Files.getLastModifiedTime(in).toMillis() / 1000;
        PrintWriter err = spec.commandLine().getErr();
        ConversionResult result;
        try (DiskSource source = DiskImages.open(in, new SparseFiles())) {
            ConversionOptions options = ConversionOptions.of(epochSeconds, seed(source))
                    .withDetectZeros(target == DiskFormat.VHDX || detectZeros);
            result = DiskConverter.convert(source, out, target, options, output.progress(err));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (output.json) {
            Json.print(stdout, new Result(result.file().toString(), result.format().name().toLowerCase(java.util.Locale.ROOT),
                    result.virtualSize(), result.fileSize(), result.bytesRead(), result.bytesWritten()));
        } else {
            stdout.printf("%s: %s, virtual size %d bytes (%s), file %s%n", result.file(), target, result.virtualSize(),
                    Sizes.human(result.virtualSize()), Sizes.human(result.fileSize()));
            stdout.flush();
        }
        return ExitCode.OK;
    }

    private DiskFormat formatOption() {
        try {
            return DiskFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Identifiers (VHD unique id, VHDX GUIDs) come from the input: its size and its first and last
     * MiB, where a GPT disk keeps its two tables. Same input, same identifiers.
     */
    private static byte[] seed(DiskSource source) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(8).putLong(0, source.size()).array());
            long window = Math.min(1L << 20, source.size());
            for (long offset : new long[] {0, source.size() - window}) {
                ByteBuffer buffer = ByteBuffer.allocate((int) window);
                source.read(buffer, offset);
                sha.update(buffer.array());
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code --json} prints. */
    record Result(String file, String format, long virtualSize, long fileSize, long bytesRead, long bytesWritten) {
    }
}
