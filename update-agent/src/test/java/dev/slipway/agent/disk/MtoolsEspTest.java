package dev.slipway.agent.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MtoolsEsp} on a FAT32 made by mkfs.fat inside a GPT disk image: the shared behaviour, then what only a
 * real FAT shows. mtools run directly and fsck.vfat are the referees; each test ends with fsck.vfat clean.
 */
class MtoolsEspTest extends EspFilesBehaviour {

    @TempDir
    Path dir;
    FatDisk disk;

    @BeforeEach
    void makeDisk() throws IOException {
        disk = FatDisk.create(dir.resolve("disk.raw"));
    }

    @AfterEach
    void fsckIsClean() throws IOException {
        Command.Result fsck = disk.fsck(dir);
        assertEquals(0, fsck.exitCode(), fsck.out() + fsck.err());
    }

    @Override
    EspFiles esp() throws IOException {
        return MtoolsEsp.inDiskImage(disk.image());
    }

    @Override
    void plantStaleTemporary(String path, byte[] bytes) throws IOException {
        Path local = Files.write(dir.resolve(path.substring(path.lastIndexOf('/') + 1)), bytes);
        String staging = "::/" + path.substring(0, path.lastIndexOf('/')) + "/.slipway-tmp";
        disk.mtools("mmd", staging).check();
        disk.mtools("mcopy", "-o", local.toString(), staging + "/").check();
    }

    @Override
    List<String> namesSeenByPeer(String directory) throws IOException {
        Command.Result mdir = disk.mtools("mdir", "-b", "-a", "::/" + directory);
        if (mdir.exitCode() != 0 && mdir.err().contains("not found")) {
            return List.of();
        }
        return mdir.check().out().lines().map(line -> line.endsWith("/") ? line.substring(0, line.length() - 1) : line)
                .map(line -> line.substring(line.lastIndexOf('/') + 1)).sorted().toList();
    }

    @Test
    void findsTheEspAtOneMebibyte() throws IOException {
        EspFiles esp = esp();
        esp.write("EFI/BOOT/BOOTX64.EFI", "systemd-boot".getBytes(StandardCharsets.UTF_8));
        assertEquals(1 << 20, disk.espOffset());
        assertEquals("systemd-boot", disk.mtools("mtype", "::/EFI/BOOT/BOOTX64.EFI").check().out());
        assertEquals(List.of("::/EFI/", "::/EFI/BOOT/", "::/EFI/BOOT/BOOTX64.EFI"),
                disk.mtools("mdir", "-/", "-b", "::/").check().out().lines().toList());
    }

    @Test
    void readsWhatMtoolsWrote() throws IOException {
        byte[] initrd = new byte[100_000];
        for (int i = 0; i < initrd.length; i++) {
            initrd[i] = (byte) (i * 31);
        }
        Files.createDirectories(dir.resolve("tree/slipway/a"));
        Files.write(dir.resolve("tree/slipway/a/initrd.img"), initrd);
        disk.mtools("mcopy", "-s", dir.resolve("tree/slipway").toString(), "::/").check();
        EspFiles esp = esp();
        assertArrayEquals(initrd, esp.read("slipway/a/initrd.img").orElseThrow());
        assertEquals(List.of("initrd.img"), esp.list("slipway/a"));
    }

    /** FAT ignores case in names; so does the ESP, as a vfat mount would. */
    @Test
    void namesIgnoreCaseAsFatDoes() throws IOException {
        EspFiles esp = esp();
        esp.write("EFI/BOOT/BOOTX64.EFI", new byte[] {1});
        assertArrayEquals(new byte[] {1}, esp.read("efi/boot/bootx64.efi").orElseThrow());
        esp.write("efi/boot/bootx64.efi", new byte[] {2});
        assertEquals(List.of("bootx64.efi"), esp.list("EFI/BOOT"));
        assertEquals("\u0002", disk.mtools("mtype", "::/EFI/BOOT/BOOTX64.EFI").check().out());
    }

    /** The one case mren changes: a long name renamed to one that fits 8.3 comes out upper case (see MtoolsEsp). */
    @Test
    void renameFromALongNameToAShortOneUpperCases() throws IOException {
        EspFiles esp = esp();
        esp.write("slipway/a/vmlinuz.previous", new byte[] {1});
        esp.rename("slipway/a/vmlinuz.previous", "slipway/a/vmlinuz");
        assertEquals(List.of("VMLINUZ"), esp.list("slipway/a"));
        assertArrayEquals(new byte[] {1}, esp.read("slipway/a/vmlinuz").orElseThrow());
    }

    @Test
    void syncFlushesTheImage() throws IOException {
        EspFiles esp = esp();
        esp.write("a", new byte[] {1});
        esp.sync();
        assertTrue(Files.size(disk.image()) >= 80 << 20);
    }

    @Test
    void aDiskWithoutAnEspIsRefused() throws IOException {
        Path blank = dir.resolve("blank.raw");
        Command.run("truncate", "-s", "8M", blank.toString()).check();
        Command.run("sgdisk", "-n", "1:2048:+4M", "-t", "1:8300", blank.toString()).check();
        IOException e = assertThrows(IOException.class, () -> MtoolsEsp.inDiskImage(blank));
        assertTrue(e.getMessage().contains("has no EFI system partition"), e.getMessage());
    }

    @Test
    void mtoolsErrorsAreReportedWithTheirMessage() {
        // 4 KiB into the ESP there is no FAT boot sector.
        MtoolsEsp wrong = new MtoolsEsp(disk.image(), disk.espOffset() + 4096);
        IOException e = assertThrows(IOException.class, () -> wrong.list("loader"));
        assertTrue(e.getMessage().startsWith("mdir -/ -b -a ::/ failed on the ESP at byte " + (disk.espOffset() + 4096)
                + " of " + disk.image() + " (exit 1): "), e.getMessage());
        assertTrue(e.getMessage().contains("non DOS media"), e.getMessage());
    }
}
