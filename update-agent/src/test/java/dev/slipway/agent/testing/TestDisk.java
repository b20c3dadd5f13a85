package dev.slipway.agent.testing;

import dev.slipway.boot.BootEntry;
import dev.slipway.gpt.FlatcarLayout;
import dev.slipway.gpt.Guid;
import dev.slipway.gpt.LayoutPlanner;
import dev.slipway.gpt.PartitionEntry;
import dev.slipway.gpt.PartitionRequest;
import dev.slipway.gpt.PartitionTable;
import dev.slipway.slot.SlotTrailer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A small disk as a fresh Slipway image has it, in a sparse file: Flatcar's GPT layout, slot A holding a
 * {@link TestBuild} with its trailer and bits (priority 1, successful), slot B empty, and a FAT ESP (made by
 * mkfs.fat and filled by mtools, as the builder does) with slot A's entry, kernel and initrd.
 */
public final class TestDisk {

    public static final long MIB = 1 << 20;
    public static final long ESP_SIZE = 16 * MIB;
    public static final long SLOT_SIZE = 12 * MIB;
    public static final long DISK_SIZE = 48 * MIB;

    private TestDisk() {
    }

    public static PartitionTable table() {
        return table(SLOT_SIZE, DISK_SIZE);
    }

    /** The same layout with slots of {@code slotSize} bytes on a disk of {@code diskSize} (benchmarks' big slots). */
    public static PartitionTable table(long slotSize, long diskSize) {
        List<PartitionRequest> requests = List.of(
                FlatcarLayout.EFI_SYSTEM.request(ESP_SIZE, unique(1)),
                FlatcarLayout.BIOS_BOOT.request(MIB, unique(2)),
                FlatcarLayout.USR_A.request(slotSize, unique(3)),
                FlatcarLayout.USR_B.request(slotSize, unique(4)),
                FlatcarLayout.OEM.request(MIB, unique(6)),
                FlatcarLayout.OEM_CONFIG.request(MIB, unique(7)),
                FlatcarLayout.ROOT.request(PartitionRequest.FILL, unique(9)));
        return LayoutPlanner.mibAligned().plan(requests, diskSize, Guid.parse("5A1F0A7B-0000-4000-8000-0000000000AA"));
    }

    private static Guid unique(int number) {
        return Guid.parse(String.format("5A1F0A7B-0000-4000-8000-%012d", 500 + number));
    }

    /** Writes the disk into {@code file} with {@code build} in slot A. */
    public static Path create(Path file, TestBuild build) throws Exception {
        return create(file, build, SLOT_SIZE);
    }

    /** Writes the disk with slots of {@code slotSize} bytes (a multiple of 1 MiB), the disk as large as they need. */
    public static Path create(Path file, TestBuild build, long slotSize) throws Exception {
        long diskSize = DISK_SIZE - 2 * SLOT_SIZE + 2 * slotSize;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(diskSize);
        }
        PartitionTable table = table(slotSize, diskSize);
        PartitionEntry slotA = table.partition(FlatcarLayout.USR_A.number()).orElseThrow();
        try (FileChannel disk = FileChannel.open(file, StandardOpenOption.WRITE)) {
            table.write(disk);
            disk.write(ByteBuffer.wrap(Files.readAllBytes(build.usrImage())), slotA.firstByte());
            trailer(build).writeTo(disk, slotA.firstByte(), slotA.sizeBytes());
        }
        long espOffset = espOffset();
        Commands.run(List.of("mkfs.fat", "-F", "16", "-n", "EFI-SYSTEM", "--offset", Long.toString(espOffset / 512),
                file.toString(), Long.toString(ESP_SIZE / 1024)));
        Path staging = Files.createTempDirectory(file.getParent(), "esp");
        Path entry = staging.resolve("slipway-a.conf");
        Files.writeString(entry, BootEntry.slotEntry("a", TestBuild.NAME, build.version(), build.rootHash(),
                build.hashOffset()).render());
        Files.write(staging.resolve("vmlinuz"), build.kernel());
        Files.write(staging.resolve("initrd.img"), build.initrd());
        String image = file + "@@" + espOffset;
        Commands.run(List.of("mmd", "-i", image, "::/EFI", "::/loader", "::/loader/entries", "::/slipway", "::/slipway/a"),
                Map.of("MTOOLS_SKIP_CHECK", "1"));
        Commands.run(List.of("mcopy", "-i", image, entry.toString(), "::/loader/entries/"), Map.of("MTOOLS_SKIP_CHECK", "1"));
        Commands.run(List.of("mcopy", "-i", image, staging.resolve("vmlinuz").toString(),
                staging.resolve("initrd.img").toString(), "::/slipway/a/"), Map.of("MTOOLS_SKIP_CHECK", "1"));
        return file;
    }

    public static long espOffset() {
        return table().partition(FlatcarLayout.EFI_SYSTEM.number()).orElseThrow().firstByte();
    }

    public static SlotTrailer trailer(TestBuild build) {
        HexFormat hex = HexFormat.of();
        return new SlotTrailer(build.dataSize(), build.hashOffset(), build.dataSize() / 4096, 4096, 4096, "sha256",
                hex.parseHex(build.rootHash()), saltOf(build), TestBuild.NAME, build.version(), TestBuild.COMPATIBILITY,
                build.securityVersion(), build.usrSize(), hex.parseHex(sha256(build)));
    }

    private static byte[] saltOf(TestBuild build) {
        try {
            var manifest = dev.slipway.trust.manifest.Manifests.parse(Files.readAllBytes(
                    build.directory().resolve("manifest.json")));
            return HexFormat.of().parseHex(manifest.artifact("usr").orElseThrow().verity().salt());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(TestBuild build) {
        try {
            return TestBuild.sha256(build.usrImage());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of slot {@code number}'s partition (3 or 4) of a disk file. */
    public static byte[] partition(Path file, int number) throws IOException {
        PartitionEntry entry = table().partition(number).orElseThrow();
        byte[] bytes = new byte[(int) entry.sizeBytes()];
        try (FileChannel disk = FileChannel.open(file, StandardOpenOption.READ)) {
            disk.read(ByteBuffer.wrap(bytes), entry.firstByte());
        }
        return bytes;
    }

    /** Extracts slot {@code number} into its own file, for veritysetup. */
    public static Path extract(Path file, int number, Path into) throws IOException {
        Files.write(into, partition(file, number));
        return into;
    }
}
