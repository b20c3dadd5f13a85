package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void kernelMountShowsExactlyTheComposedUsr() throws IOException {
        Path rootfs = DefaultImage.get().firstDirectory().resolve("rootfs.tar");
        Path extracted = Files.createDirectories(temp.resolve("extracted"));
        Command.run("tar", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-xpf", rootfs.toString(),
                "-C", extracted.toString(), "./usr").check();
        try (MountedImage mounted = MountedImage.erofs(DefaultImage.get().first().usrImage(), temp.resolve("mnt"))) {
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
    void buildJsonRecordsTheProfileAndTheNormalisation() throws IOException {
        BuildRecord record = BuildRecords.read(DefaultImage.get().first().buildRecordFile());
        assertEquals("slipway-base", record.image().name());
        assertEquals(List.of("base.toml"), record.profile().chain());
        assertEquals(1747699200L, record.epoch());
        assertEquals("debian", record.source().kind());
        assertTrue(record.normalized().contains("etc/hostname") || record.normalized().contains("etc/resolv.conf"),
                record.normalized().toString());
        String json = Files.readString(DefaultImage.get().first().buildRecordFile());
        assertFalse(json.contains(DefaultImage.get().firstDirectory().toString()), "no absolute output path");
    }
}
