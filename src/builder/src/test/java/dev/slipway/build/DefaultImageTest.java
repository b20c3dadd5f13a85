package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testing.Command;
import dev.slipway.testing.Fsck;
import dev.slipway.testing.MountedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default profile's image, checked by peers that share no code with Slipway: veritysetup for the
 * hash tree, fsck.erofs and a kernel mount for the filesystem, GNU tar for what the composition
 * produced, dpkg and apt for the package record.
 */
class DefaultImageTest {

    @TempDir
    Path temp;

    @Test
    void buildAndRebuildInAnotherDirectoryGiveTheSameBytes() throws IOException {
        DefaultImage.Builds builds = DefaultImage.get();
        assertEquals(-1, Files.mismatch(builds.first().usrImage(), builds.rebuild().usrImage()), "usr.img differs");
        assertEquals(-1, Files.mismatch(builds.first().buildRecordFile(), builds.rebuild().buildRecordFile()),
                "build.json differs");
    }

    @Test
    void veritysetupAcceptsTheImageWithBuildJsonsRootHashAndOffset() throws IOException {
        BuildRecord.Usr usr = BuildRecords.read(DefaultImage.get().first().buildRecordFile()).usr();
        String image = DefaultImage.get().first().usrImage().toString();
        Command.run("veritysetup", "verify", image, image, usr.rootHash(), "--hash-offset=" + usr.hashOffset()).check();

        String dump = Command.run("veritysetup", "dump", image, "--hash-offset=" + usr.hashOffset()).check().out();
        assertTrue(dump.contains(usr.salt()), dump);
        assertTrue(dump.contains(usr.verityUuid()), dump);
        assertTrue(Pattern.compile("Data blocks:\\s+" + usr.dataBlocks() + "\\b").matcher(dump).find(), dump);
        assertEquals(0, usr.hashOffset() % 4096, "hash offset is 4 KiB-aligned");
        assertEquals(usr.dataSize(), usr.hashOffset(), "hash tree directly after the filesystem");
    }

    @Test
    void flippedBitInTheFilesystemFailsVeritysetup() throws IOException {
        BuildRecord.Usr usr = BuildRecords.read(DefaultImage.get().first().buildRecordFile()).usr();
        Path copy = temp.resolve("usr.img");
        Files.copy(DefaultImage.get().first().usrImage(), copy);
        try (var channel = java.nio.channels.FileChannel.open(copy, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.READ)) {
            var one = java.nio.ByteBuffer.allocate(1);
            long where = usr.dataSize() / 2;
            channel.read(one, where);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            channel.write(one, where);
        }
        var result = Command.run("veritysetup", "verify", copy.toString(), copy.toString(), usr.rootHash(),
                "--hash-offset=" + usr.hashOffset());
        assertTrue(result.exitCode() != 0, "veritysetup accepted a damaged image");
    }

    @Test
    void fsckErofsAcceptsTheFilesystem() throws IOException {
        Fsck.erofs(DefaultImage.get().first().usrImage());
    }

    @Test
    void kernelMountShowsExactlyTheComposedUsr() throws Exception {
        Path rootfs = DefaultImage.get().firstDirectory().resolve("rootfs.tar");
        Path extracted = Files.createDirectories(temp.resolve("extracted"));
        Command.run("tar", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-xpf", rootfs.toString(),
                "-C", extracted.toString(), "./usr").check();
        Command.run("tar", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-xpf", rootfs.toString(),
                "-C", extracted.toString(), "./etc").check();
        dev.slipway.profile.Profile profile = dev.slipway.profile.Profiles.resolve(DefaultImage.PROFILE).profile();
        java.util.List<Path> trees = new java.util.ArrayList<>();
        if (profile.agent().included()) {   // laid over before the profile's own trees
            trees.add(DirectoryDiff.agentTree(DefaultImage.AGENT, profile.agent().trust(),
                    Files.createDirectories(temp.resolve("agent"))));
        }
        trees.addAll(profile.files().trees());
        DirectoryDiff.applyBuildRules(extracted, Long.toString(DefaultImage.get().first().record().epoch()), trees);
        try (MountedImage mounted = MountedImage.erofs(DefaultImage.get().first().usrImage(), temp.resolve("mnt"))) {
            assertFalse(Files.exists(mounted.root().resolve("bin/dpkg")) || Files.exists(mounted.root().resolve("bin/apt")),
                    "no package manager in the image");
            DirectoryDiff.addWhatTheBuildAdds(extracted.resolve("usr"), mounted.root(),
                    DefaultImage.get().firstDirectory().resolve("sbom.cdx.json"), DefaultImage.get().first().record().image().name(),
                    DefaultImage.get().first().record().image().version());
            DirectoryDiff.assertSame(extracted.resolve("usr"), mounted.root());
        }
    }

    @Test
    void packageRecordIsWhatDpkgInstalledWithTheArchivesDigests() throws IOException {
        BuildRecord record = BuildRecords.read(DefaultImage.get().first().buildRecordFile());
        Path rootfs = DefaultImage.get().firstDirectory().resolve("rootfs.tar");
        Path extracted = Files.createDirectories(temp.resolve("dpkg"));
        Command.run("tar", "-xf", rootfs.toString(), "-C", extracted.toString(), "./var/lib/dpkg").check();
        String dpkg = Command.run("dpkg-query", "--admindir=" + extracted.resolve("var/lib/dpkg"), "-W",
                "-f=${Package}\t${Architecture}\t${Version}\n").check().out();
        Map<String, String> installed = new TreeMap<>();
        for (String line : dpkg.strip().split("\n")) {
            String[] f = line.split("\t");
            installed.put(f[0] + ":" + f[1], f[2]);
        }
        Map<String, String> recorded = new TreeMap<>();
        for (DebianPackage p : record.packages()) {
            recorded.put(p.name() + ":" + p.architecture(), p.version());
            assertTrue(p.sha256().matches("[0-9a-f]{64}"), p.toString());
        }
        assertEquals(installed, recorded);
        assertTrue(recorded.containsKey("systemd:amd64"), "the profile's packages are installed");

        // The host's apt has the same sources: its record of a few packages carries the same .deb digest.
        List<DebianPackage> sample = new ArrayList<>();
        for (DebianPackage p : record.packages()) {
            if (List.of("systemd", "base-files", "udev").contains(p.name())) {
                sample.add(p);
            }
        }
        assertEquals(3, sample.size());
        for (DebianPackage p : sample) {
            String show = Command.run("apt-cache", "show", p.name() + "=" + p.version()).check().out();
            assertTrue(show.contains("SHA256: " + p.sha256()), p.name() + ": apt says\n" + show);
        }
    }

    @Test
    void sgdiskFindsNoProblemAndSfdiskShowsTheProfilesLayout() throws IOException {
        Path raw = DefaultImage.get().first().diskFiles().get(0);
        Command.Result verify = Command.run("sgdisk", "-v", raw.toString()).check();
        assertTrue(verify.out().contains("No problems found") && verify.err().isBlank(), verify.out() + verify.err());

        JsonNode table = new ObjectMapper().readTree(Command.run("sfdisk", "--json", raw.toString()).check().out())
                .get("partitiontable");
        BuildRecord.DiskRecord disk = BuildRecords.read(DefaultImage.get().first().buildRecordFile()).disk();
        assertEquals(disk.guid(), table.get("id").asText());
        long mib = 1 << 20;
        Map<Integer, Long> profileSizes = Map.of(1, 128 * mib, 2, 2 * mib, 3, 2048 * mib, 4, 2048 * mib, 6, 128 * mib,
                7, 64 * mib, 9, 1024 * mib);
        Map<Integer, String> labels = Map.of(1, "EFI-SYSTEM", 2, "BIOS-BOOT", 3, "USR-A", 4, "USR-B", 6, "OEM",
                7, "OEM-CONFIG", 9, "ROOT");
        assertEquals(7, table.get("partitions").size());
        for (JsonNode p : table.get("partitions")) {
            String node = p.get("node").asText();
            int number = Integer.parseInt(node.substring(node.lastIndexOf("raw") + 3));
            BuildRecord.Partition recorded = disk.partitions().stream().filter(r -> r.number() == number)
                    .findFirst().orElseThrow();
            assertEquals(labels.get(number), p.get("name").asText());
            assertEquals(profileSizes.get(number), p.get("size").asLong() * 512, node);
            assertEquals(recorded.firstLba(), p.get("start").asLong(), node);
            assertEquals(recorded.type(), p.get("type").asText(), node);
            assertEquals(recorded.uuid(), p.get("uuid").asText(), node);
            assertEquals(0, p.get("start").asLong() % 2048, node + " is 1 MiB-aligned");
        }
        assertEquals("7130C94A-213A-4E5A-8E26-6CCE9662F132", disk.partitions().get(2).uuid(), "Flatcar's USR-A");
        assertEquals("E03DD35C-7C2D-4A47-B3FE-27F15780A57C", disk.partitions().get(3).uuid(), "Flatcar's USR-B");
    }

    @Test
    void cgptReadsTheSlotAttributes() throws IOException {
        String raw = DefaultImage.get().first().diskFiles().get(0).toString();
        assertEquals("1", Command.run("cgpt", "show", "-i", "3", "-P", raw).check().out().strip(), "USR-A priority");
        assertEquals("1", Command.run("cgpt", "show", "-i", "3", "-S", raw).check().out().strip(), "USR-A successful");
        assertEquals("0", Command.run("cgpt", "show", "-i", "3", "-T", raw).check().out().strip(), "USR-A tries");
        assertEquals("0", Command.run("cgpt", "show", "-i", "4", "-P", raw).check().out().strip(), "USR-B priority");
        assertEquals("0", Command.run("cgpt", "show", "-i", "4", "-S", raw).check().out().strip(), "USR-B successful");
    }

    @Test
    void qemuImgFindsRawVhdAndVhdxIdentical() throws IOException {
        List<Path> files = DefaultImage.get().first().diskFiles();
        String raw = files.get(0).toString();
        String vhd = files.get(1).toString();
        String vhdx = files.get(2).toString();
        long size = Files.size(files.get(0));
        assertEquals(0, size % (1 << 20), "Azure wants a whole number of MiB");
        Command.run("qemu-img", "check", "-f", "vhdx", vhdx).check();
        for (String[] image : new String[][] {{"vpc", vhd}, {"vhdx", vhdx}}) {
            JsonNode info = new ObjectMapper().readTree(Command.run("qemu-img", "info", "--output=json", "-f", image[0],
                    image[1]).check().out());
            assertEquals(size, info.get("virtual-size").asLong(), image[1]);
            Command.Result compare = Command.run("qemu-img", "compare", "-f", "raw", "-F", image[0], raw, image[1]);
            assertEquals(0, compare.exitCode(), compare.out() + compare.err());
        }
        assertEquals(size + 512, Files.size(files.get(1)), "a fixed VHD is the disk and its footer");
        long written = DefaultImage.get().first().record().usr().size() + (64L << 20); // usr.img, the ESP's files, metadata
        assertTrue(Files.size(files.get(2)) < written, "the VHDX of a mostly empty disk holds little more than its data: "
                + Files.size(files.get(2)) + " bytes");
        for (Path sparse : files.subList(0, 2)) {
            long allocated = Long.parseLong(Command.run("stat", "-c", "%b", sparse.toString()).check().out().strip()) * 512;
            assertTrue(allocated < written, sparse + " is not sparse: " + allocated + " bytes allocated");
        }
        assertEquals(-1, Files.mismatch(files.get(2), DefaultImage.get().rebuild().diskFiles().get(2)));
    }

    @Test
    void veritysetupVerifiesUsrAReadStraightFromTheRawDisk() throws IOException {
        BuildRecord record = BuildRecords.read(DefaultImage.get().first().buildRecordFile());
        BuildRecord.Partition usrA = record.disk().partitions().get(2);
        String raw = DefaultImage.get().first().diskFiles().get(0).toString();
        String loop = Command.run("losetup", "--find", "--show", "--read-only", "--offset",
                Long.toString(usrA.firstLba() * 512), "--sizelimit", Long.toString(usrA.size()), raw).check().out().strip();
        try {
            Command.run("veritysetup", "verify", loop, loop, record.usr().rootHash(),
                    "--hash-offset=" + record.usr().hashOffset()).check();
        } finally {
            Command.run("losetup", "-d", loop).check();
        }
    }

    @Test
    void usrAsSlotTrailerSaysWhatBuildJsonSays() throws Exception {
        BuildRecord record = BuildRecords.read(DefaultImage.get().first().buildRecordFile());
        BuildRecord.Partition usrA = record.disk().partitions().get(2);
        try (var disk = java.nio.channels.FileChannel.open(DefaultImage.get().first().diskFiles().get(0))) {
            dev.slipway.slot.SlotTrailer trailer = dev.slipway.slot.SlotTrailer.readFrom(disk, usrA.firstLba() * 512,
                    usrA.size());
            assertEquals(record.usr().rootHash(), trailer.rootHashHex());
            assertEquals(record.usr().hashOffset(), trailer.hashOffset());
            assertEquals(record.usr().size(), trailer.payloadSize());
            assertEquals(record.image().version(), trailer.imageVersion());
            JsonNode manifest = new ObjectMapper().readTree(DefaultImage.get().first().buildRecordFile()
                    .resolveSibling("manifest.json").toFile());
            assertEquals("slipway/aks-node/x86_64", trailer.compatibility());
            assertEquals(manifest.get("compatibility").asText(), trailer.compatibility());
            assertEquals(manifest.get("security-version").asLong(), trailer.securityVersion());
        }
    }

    @Test
    void fsckVfatAcceptsTheEsp() throws IOException {
        BuildRecord.Partition esp = BuildRecords.read(DefaultImage.get().first().buildRecordFile()).disk().partitions()
                .get(0);
        Path copy = temp.resolve("esp.img");
        Command.run("dd", "if=" + DefaultImage.get().first().diskFiles().get(0), "of=" + copy, "bs=512",
                "skip=" + esp.firstLba(), "count=" + esp.size() / 512, "conv=sparse", "status=none").check();
        String fsck = Command.run("fsck.vfat", "-n", copy.toString()).check().out();
        assertTrue(fsck.contains("files"), fsck);
    }

    @Test
    void buildJsonRecordsTheProfileAndTheNormalisation() throws IOException {
        BuildRecord record = BuildRecords.read(DefaultImage.get().first().buildRecordFile());
        assertEquals("aks-node", record.image().name());
        assertEquals(List.of("base.toml", "aks-node.toml"), record.profile().chain());
        assertEquals(1747699200L, record.epoch());
        assertEquals("debian", record.source().kind());
        assertTrue(record.normalized().contains("etc/hostname") || record.normalized().contains("etc/resolv.conf"),
                record.normalized().toString());
        String json = Files.readString(DefaultImage.get().first().buildRecordFile());
        assertFalse(json.contains(DefaultImage.get().firstDirectory().toString()), "no absolute output path");
    }
}
