package dev.slipway.build;

import dev.slipway.disk.DiskIds;
import dev.slipway.gpt.FlatcarLayout;
import dev.slipway.gpt.Guid;
import dev.slipway.gpt.LayoutPlanner;
import dev.slipway.gpt.PartitionEntry;
import dev.slipway.gpt.PartitionRequest;
import dev.slipway.gpt.PartitionTable;
import dev.slipway.profile.Disk;
import dev.slipway.slot.SlotTrailer;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The raw disk, Flatcar's layout, written into a sparse file without root: the GPT, the ESP's FAT
 * (made in place), usr.img in USR-A with its slot trailer; USR-B, OEM, OEM-CONFIG and ROOT stay
 * holes (the boot work gives ROOT and OEM filesystems at first boot). Every check that can fail
 * (the layout fits, /usr fits its slot) runs before the file is created.
 */
final class DiskAssembly {

    private static final long MIB = Disk.MIB;

    private DiskAssembly() {
    }

    /** The partition table for a profile's [disk], its identifiers from the seed. */
    static PartitionTable plan(Disk disk, byte[] seed) throws BuildException {
        List<PartitionRequest> requests = new ArrayList<>();
        requests.add(request(FlatcarLayout.EFI_SYSTEM, disk.espMib() * MIB, seed));
        requests.add(request(FlatcarLayout.BIOS_BOOT, disk.biosBootMib() * MIB, seed));
        requests.add(request(FlatcarLayout.USR_A, disk.usrMib() * MIB, seed));
        requests.add(request(FlatcarLayout.USR_B, disk.usrMib() * MIB, seed));
        requests.add(request(FlatcarLayout.OEM, disk.oemMib() * MIB, seed));
        requests.add(request(FlatcarLayout.OEM_CONFIG, disk.oemConfigMib() * MIB, seed));
        boolean fixedSize = disk.sizeMib() != null;
        requests.add(request(FlatcarLayout.ROOT, fixedSize ? PartitionRequest.FILL : disk.rootMib() * MIB, seed));
        LayoutPlanner planner = LayoutPlanner.mibAligned();
        Guid diskGuid = Guid.fromUuid(DiskIds.derive(seed, "gpt-disk"));
        long diskSize = fixedSize ? disk.sizeMib() * MIB : planner.minimumDiskSize(requests);
        PartitionTable table;
        try {
            table = planner.plan(requests, diskSize, diskGuid);
        } catch (IllegalArgumentException e) {
            throw new BuildException("the partitions do not fit: " + e.getMessage() + "; raise disk.size-mib or shrink"
                    + " the partitions in the profile's [disk] table");
        }
        long root = table.partition(FlatcarLayout.ROOT.number()).orElseThrow().sizeBytes();
        if (root < disk.rootMib() * MIB) {
            throw new BuildException("the partitions do not fit: disk.size-mib = " + disk.sizeMib() + " leaves ROOT "
                    + root / MIB + " MiB, less than disk.root-mib = " + disk.rootMib() + "; the disk needs at least "
                    + ((diskSize - root) / MIB + disk.rootMib()) + " MiB");
        }
        return table;
    }

    /** Refuses a usr.img that does not fit its slot with the slot trailer. */
    static void checkUsrFits(PartitionTable table, long usrImageSize) throws BuildException {
        long slot = table.partition(FlatcarLayout.USR_A.number()).orElseThrow().sizeBytes();
        if (usrImageSize > SlotTrailer.capacity(slot)) {
            long neededMib = Math.ceilDiv(usrImageSize + SlotTrailer.SIZE, MIB);
            throw new BuildException("/usr does not fit its slot: usr.img (filesystem and hash tree) is " + usrImageSize
                    + " bytes, USR-A holds " + SlotTrailer.capacity(slot) + " (" + slot / MIB + " MiB less the "
                    + SlotTrailer.SIZE + "-byte slot trailer); set disk.usr-mib to at least " + neededMib);
        }
    }

    /**
     * Writes the raw disk to {@code raw}, which must not exist.
     *
     * @param trailer what USR-A holds, written in its last 4 KiB
     */
    static void writeRaw(PartitionTable table, Path raw, Path usrImage, SlotTrailer trailer, FileTree espFiles,
                         byte[] seed, Timestamp epoch, Path work, Path log, BuildListener listener)
            throws IOException, BuildException {
        PartitionEntry esp = table.partition(FlatcarLayout.EFI_SYSTEM.number()).orElseThrow();
        PartitionEntry usrA = table.partition(FlatcarLayout.USR_A.number()).orElseThrow();
        try (FileChannel disk = FileChannel.open(raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.SPARSE);
                FileChannel usr = FileChannel.open(usrImage, StandardOpenOption.READ)) {
            // One byte at the very end gives the file its size and leaves everything else a hole.
            disk.write(ByteBuffer.allocate(1), table.diskSize() - 1);
            table.write(disk);
            long copied = 0;
            while (copied < usr.size()) {
                copied += usr.transferTo(copied, usr.size() - copied, disk.position(usrA.firstByte() + copied));
            }
            trailer.writeTo(disk, usrA.firstByte(), usrA.sizeBytes());
        }
        int volumeId = (int) DiskIds.derive(seed, "esp-volume-id").getMostSignificantBits();
        EspFilesystem.write(raw, esp.firstByte(), esp.sizeBytes(), espFiles, volumeId, epoch,
                Files.createDirectories(work.resolve("esp-staging")), log, listener);
    }

    /**
     * The trailer for the USR slot holding {@code usr}: what the image is (name, version, and the
     * compatibility string and security version its manifest signs) and where its verity data lies.
     */
    static SlotTrailer trailer(BuildRecord.Usr usr, String imageName, String imageVersion, String compatibility,
                               long securityVersion) throws BuildException {
        HexFormat hex = HexFormat.of();
        try {
            return new SlotTrailer(usr.dataSize(), usr.hashOffset(), usr.dataBlocks(), usr.dataBlockSize(),
                    usr.hashBlockSize(), usr.hashAlgorithm(), hex.parseHex(usr.rootHash()), hex.parseHex(usr.salt()),
                    imageName, imageVersion, compatibility, securityVersion, usr.size(), hex.parseHex(usr.sha256()));
        } catch (IllegalArgumentException e) {
            // The profile's patterns allow one byte more than the trailer holds for version and compatibility.
            throw new BuildException("USR-A's slot trailer cannot record this image (" + e.getMessage()
                    + "); shorten image.version or image.compatibility in the profile");
        }
    }

    private static PartitionRequest request(FlatcarLayout partition, long size, byte[] seed) {
        return partition.request(size, Guid.fromUuid(DiskIds.derive(seed, "gpt-partition-" + partition.number())));
    }
}
