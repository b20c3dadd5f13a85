package dev.slipway.build;

import dev.slipway.disk.DiskFormat;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.convert.ConversionOptions;
import dev.slipway.disk.convert.DiskConverter;
import dev.slipway.disk.convert.DiskImages;
import dev.slipway.gpt.PartitionEntry;
import dev.slipway.gpt.PartitionTable;
import dev.slipway.io.Progress;
import dev.slipway.source.SparseFiles;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The disk files a profile asks for, and their record for build.json. */
final class DiskOutputs {

    /** File names by format; the raw disk is always made first, the others converted from it. */
    static final Map<String, String> FILE_NAMES = Map.of("raw", "disk.raw", "vhd", "disk.vhd", "vhdx", "disk.vhdx");

    private DiskOutputs() {
    }

    /** The ESP as the build makes it today: the directories systemd-boot looks in, empty. */
    static FileTree espSkeleton(Timestamp epoch) {
        TreeBuilder builder = new TreeBuilder(epoch);
        try {
            builder.addDirectory("EFI/BOOT", Metadata.of(0755, 0, 0, epoch));
            builder.addDirectory("loader/entries", Metadata.of(0755, 0, 0, epoch));
        } catch (dev.slipway.tree.InvalidEntryException e) {
            throw new IllegalStateException(e);
        }
        return builder.build();
    }

    /** Converts {@code raw} to each of {@code formats} other than raw, beside it; returns the files. */
    static List<Path> convert(Path raw, List<String> formats, byte[] seed, Timestamp epoch, Progress progress)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (String format : formats) {
            if (format.equals("raw")) {
                written.add(raw);
                continue;
            }
            Path target = raw.resolveSibling(FILE_NAMES.get(format));
            DiskFormat diskFormat = DiskFormat.of(format);
            // A raw or VHD file's bytes are the disk's whatever is allocated: copy the raw disk's data
            // in the kernel. A VHDX's block table is part of its bytes, so its blocks are decided by
            // scanning the data, never by how the raw file happens to be allocated.
            ConversionOptions options = ConversionOptions.of(epoch.seconds(), seed)
                    .withDetectZeros(diskFormat == DiskFormat.VHDX);
            try (DiskSource source = DiskImages.open(raw, DiskFormat.RAW, new SparseFiles())) {
                DiskConverter.convert(source, target, diskFormat, options, progress);
            }
            written.add(target);
        }
        return written;
    }

    /**
     * What build.json says of the disk. SHA-256 is the cost: the raw disk is hashed once, reading
     * only its data, and a fixed VHD (the raw disk and a footer) takes the same digest state plus
     * its footer.
     */
    static BuildRecord.DiskRecord record(PartitionTable table, List<String> formats, List<Path> files, Path raw)
            throws IOException {
        List<BuildRecord.Partition> partitions = new ArrayList<>();
        for (var entry : table.partitions().entrySet()) {
            PartitionEntry e = entry.getValue();
            partitions.add(new BuildRecord.Partition(entry.getKey(), e.name(), e.type().toString(), e.unique().toString(),
                    e.firstLba(), e.lastLba(), e.sizeBytes(), String.format(Locale.ROOT, "0x%016x", e.attributes())));
        }
        MessageDigest rawDigest = FileDigests.sha256Sparse(raw, new SparseFiles());
        List<BuildRecord.DiskFile> records = new ArrayList<>();
        for (int i = 0; i < formats.size(); i++) {
            Path file = files.get(i);
            String digest = switch (formats.get(i)) {
                case "raw" -> FileDigests.hex(clone(rawDigest));
                case "vhd" -> vhdDigest(clone(rawDigest), file, Files.size(raw));
                default -> FileDigests.sha256(file);
            };
            records.add(new BuildRecord.DiskFile(formats.get(i), file.getFileName().toString(), Files.size(file), digest));
        }
        return new BuildRecord.DiskRecord(table.diskSize(), table.diskGuid().toString(), partitions, records);
    }

    private static String vhdDigest(MessageDigest afterRaw, Path vhd, long rawSize) throws IOException {
        byte[] footer = new byte[(int) (Files.size(vhd) - rawSize)];
        try (FileChannel in = FileChannel.open(vhd, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(footer);
            while (buffer.hasRemaining() && in.read(buffer, rawSize + buffer.position()) >= 0) {
                // reads the footer
            }
        }
        afterRaw.update(footer);
        return FileDigests.hex(afterRaw);
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }
}
