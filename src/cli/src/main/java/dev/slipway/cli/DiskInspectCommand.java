package dev.slipway.cli;

import dev.slipway.disk.DiskFormat;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.convert.DiskImages;
import dev.slipway.gpt.FlatcarLayout;
import dev.slipway.gpt.PartitionEntry;
import dev.slipway.gpt.PartitionTable;
import dev.slipway.gpt.ReadResult;
import dev.slipway.gpt.SlotAttributes;
import dev.slipway.slot.SlotTrailer;
import dev.slipway.slot.SlotTrailerException;
import dev.slipway.source.SparseFiles;
import dev.slipway.vhd.FixedVhd;
import dev.slipway.vhd.VhdFooter;
import dev.slipway.vhdx.VhdxDisk;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {
            "Shows what a disk image holds: its container (a VHD footer's fields, a VHDX's header and metadata),"
                + " the GPT (which copy was read and anything wrong with the other), every partition, and for each"
                + " USR slot its boot attributes (priority, tries, successful) and what its slot trailer records:"
                + " image name and version, compatibility string, security version, verity hash offset, salt and"
                + " root hash.",
            "Exits 1 when the disk has no valid GPT."})
final class DiskInspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Disk image: raw, fixed VHD or VHDX.")
    Path image;

    @Override
    public Integer call() throws IOException {
        DiskFormat format = DiskFormat.detect(image);
        try (DiskSource disk = DiskImages.open(image, format, new SparseFiles())) {
            Inspection inspection = new Inspection(image.toString(), format.name().toLowerCase(Locale.ROOT), disk.size(),
                    format == DiskFormat.VHD ? vhd(FixedVhd.readFooter(image)) : null,
                    format == DiskFormat.VHDX ? vhdx(image) : null, new ArrayList<>(), null, List.of(), List.of());
            ReadResult read;
            try {
                read = PartitionTable.read(disk::read, disk.size());
            } catch (dev.slipway.gpt.GptException e) {
                report(inspection.withTableProblem(e.getMessage()));
                return ExitCode.CHECK_FAILED;
            }
            report(inspection.withTable(read, partitions(read.table()), slots(read.table(), disk)));
            return ExitCode.OK;
        }
    }

    private static VhdInfo vhd(VhdFooter f) {
        return new VhdInfo(f.diskType() == 2 ? "fixed" : "type " + f.diskType(), f.creatorApplication(),
                f.creatorHostOs(), String.format(Locale.ROOT, "0x%08x", f.formatVersion()),
                Instant.ofEpochSecond(VhdFooter.TIME_STAMP_EPOCH + f.timeStamp()).toString(), f.originalSize(),
                f.currentSize(), f.geometry().cylinders() + "/" + f.geometry().heads() + "/" + f.geometry().sectorsPerTrack(),
                f.uniqueId().toString());
    }

    private static VhdxInfo vhdx(Path file) throws IOException {
        try (VhdxDisk disk = VhdxDisk.open(file)) {
            var h = disk.header();
            var m = disk.metadata();
            return new VhdxInfo(h.sequenceNumber(), h.fileWriteGuid().toString(), h.dataWriteGuid().toString(),
                    h.logGuid().toString(), m.virtualDiskSize(), m.blockSize(), m.logicalSectorSize(),
                    m.physicalSectorSize(), m.virtualDiskId().toString());
        }
    }

    private static List<PartitionInfo> partitions(PartitionTable table) {
        List<PartitionInfo> list = new ArrayList<>();
        for (var e : table.partitions().entrySet()) {
            PartitionEntry p = e.getValue();
            list.add(new PartitionInfo(e.getKey(), p.name(), p.type().toString(), p.unique().toString(), p.firstLba(),
                    p.lastLba(), p.sizeBytes(), String.format(Locale.ROOT, "0x%016x", p.attributes())));
        }
        return list;
    }

    private static List<SlotInfo> slots(PartitionTable table, DiskSource disk) throws IOException {
        List<SlotInfo> slots = new ArrayList<>();
        for (var e : table.partitions().entrySet()) {
            PartitionEntry p = e.getValue();
            if (!p.type().equals(FlatcarLayout.TYPE_FLATCAR_USR)) {
                continue;
            }
            SlotAttributes bits = p.slot();
            ByteBuffer block = ByteBuffer.allocate(SlotTrailer.SIZE);
            disk.read(block, p.firstByte() + SlotTrailer.offsetIn(p.sizeBytes()));
            TrailerInfo trailer = null;
            String problem = null;
            try {
                SlotTrailer t = SlotTrailer.decode(block.array());
                trailer = new TrailerInfo(t.imageName(), t.imageVersion(), t.compatibility(), t.securityVersion(),
                        t.dataSize(), t.hashOffset(), t.dataBlocks(), t.hashAlgorithm(),
                        HexFormat.of().formatHex(t.salt()), t.rootHashHex(), t.payloadSize(),
                        HexFormat.of().formatHex(t.payloadSha256()));
            } catch (SlotTrailerException ex) {
                problem = ex.getMessage();
            }
            slots.add(new SlotInfo(e.getKey(), p.name(), bits.priority(), bits.tries(), bits.successful(), trailer, problem));
        }
        return slots;
    }

    private void report(Inspection inspection) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Json.print(out, inspection);
            return;
        }
        out.printf("%s: %s disk, %d bytes (%s)%n", inspection.file(), inspection.format(), inspection.virtualSize(),
                Sizes.human(inspection.virtualSize()));
        if (inspection.vhd() != null) {
            VhdInfo v = inspection.vhd();
            out.printf("VHD footer: %s, creator '%s' on '%s', version %s, time %s, current size %d, geometry %s, id %s%n",
                    v.diskType(), v.creatorApplication(), v.creatorHostOs(), v.formatVersion(), v.timeStamp(),
                    v.currentSize(), v.geometry(), v.uniqueId());
        }
        if (inspection.vhdx() != null) {
            VhdxInfo v = inspection.vhdx();
            out.printf("VHDX: header sequence %d, block size %s, sectors %d/%d, disk id %s, log %s%n", v.sequenceNumber(),
                    Sizes.human(v.blockSize()), v.logicalSectorSize(), v.physicalSectorSize(), v.virtualDiskId(),
                    v.logGuid());
        }
        if (inspection.gptProblem() != null) {
            out.println("GPT: " + inspection.gptProblem());
            out.flush();
            return;
        }
        out.printf("GPT: disk %s, read from the %s copy%n", inspection.diskGuid(), inspection.gptCopy());
        inspection.gptNotes().forEach(note -> out.println("  note: " + note));
        out.printf("  %3s %-12s %-36s %-36s %12s %12s  %s%n", "#", "label", "type", "uuid", "first lba", "size", "attributes");
        for (PartitionInfo p : inspection.partitions()) {
            out.printf("  %3d %-12s %-36s %-36s %12d %12s  %s%n", p.number(), p.label(), p.type(), p.uuid(), p.firstLba(),
                    Sizes.human(p.size()), p.attributes());
        }
        for (SlotInfo s : inspection.slots()) {
            out.printf("slot %s (partition %d): priority %d, tries %d, successful %s%n", s.label(), s.number(),
                    s.priority(), s.tries(), s.successful() ? "yes" : "no");
            if (s.trailer() == null) {
                out.println("  " + s.trailerProblem());
            } else {
                TrailerInfo t = s.trailer();
                out.printf("  %s %s: data %d bytes, hash offset %d, %s, salt %s%n", t.imageName(), t.imageVersion(),
                        t.dataSize(), t.hashOffset(), t.hashAlgorithm(), t.salt());
                out.printf("  compatibility %s, security version %d%n  root hash %s%n", t.compatibility(),
                        t.securityVersion(), t.rootHash());
            }
        }
        out.flush();
    }

    /** What {@code --json} prints. */
    record Inspection(String file, String format, long virtualSize, VhdInfo vhd, VhdxInfo vhdx, List<String> gptNotes,
                      String gptProblem, List<PartitionInfo> partitions, List<SlotInfo> slots, String diskGuid,
                      String gptCopy) {

        Inspection(String file, String format, long virtualSize, VhdInfo vhd, VhdxInfo vhdx, List<String> gptNotes,
                   String gptProblem, List<PartitionInfo> partitions, List<SlotInfo> slots) {
            this(file, format, virtualSize, vhd, vhdx, gptNotes, gptProblem, partitions, slots, null, null);
        }

        Inspection withTableProblem(String problem) {
            return new Inspection(file, format, virtualSize, vhd, vhdx, gptNotes, problem, partitions, slots);
        }

        Inspection withTable(ReadResult read, List<PartitionInfo> parts, List<SlotInfo> usrSlots) {
            return new Inspection(file, format, virtualSize, vhd, vhdx, read.problems(), null, parts, usrSlots,
                    read.table().diskGuid().toString(), read.source().name().toLowerCase(Locale.ROOT));
        }
    }

    record VhdInfo(String diskType, String creatorApplication, String creatorHostOs, String formatVersion,
                   String timeStamp, long originalSize, long currentSize, String geometry, String uniqueId) {
    }

    record VhdxInfo(long sequenceNumber, String fileWriteGuid, String dataWriteGuid, String logGuid,
                    long virtualDiskSize, int blockSize, int logicalSectorSize, int physicalSectorSize,
                    String virtualDiskId) {
    }

    record PartitionInfo(int number, String label, String type, String uuid, long firstLba, long lastLba, long size,
                         String attributes) {
    }

    record SlotInfo(int number, String label, int priority, int tries, boolean successful, TrailerInfo trailer,
                    String trailerProblem) {
    }

    record TrailerInfo(String imageName, String imageVersion, String compatibility, long securityVersion,
                       long dataSize, long hashOffset, long dataBlocks, String hashAlgorithm, String salt,
                       String rootHash, long payloadSize, String payloadSha256) {
    }
}
