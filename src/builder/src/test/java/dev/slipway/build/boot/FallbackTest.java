package dev.slipway.build.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.build.BuildRecord;
import dev.slipway.build.DefaultImageAccess;
import dev.slipway.testing.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One authority decides which slot boots: systemd-boot's boot counting in the entries' file names.
 * Slot A on trial ({@code slipway-a+N-0.conf}) that fails, in the initrd or in a health check,
 * reboots until its tries run out, and systemd-boot then starts slot B, which comes up good and is
 * blessed. The disks are the default image's, given a slot B the way an update stages one: the same
 * good /usr in USR-B, its kernel and initrd in the ESP, and an entry of an older version.
 */
class FallbackTest {

    private static final Pattern GOOD_ON_B = Pattern.compile("SLIPWAY-BOOT slot=B version=\\S+ usr=verity-ok"
            + " usr-mount=ro roothash=(\\S+) .* state=good");
    private static final Pattern INITRD_FAILED = Pattern.compile("slipway-initrd: FAILED: mounting /usr");
    /** Three failed boots and a good one, each well under two minutes under TCG. */
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @TempDir
    Path temp;

    @Test
    void aTamperedSlotAFailsItsTriesAndSlotBTakesOverAndIsBlessed() throws Exception {
        BuildRecord record = DefaultImageAccess.record();
        GuestDisk disk = withSlotB(record, "slipway-b+3-0.conf");
        disk.esp("mren", "::/loader/entries/slipway-a.conf", "::/loader/entries/slipway-a+3-0.conf");
        // The EROFS superblock sits at 1024 in the first block, which every mount reads: dm-verity
        // refuses the block, so /usr cannot be mounted from USR-A.
        disk.flipByte("USR-A", 1024 + 16);

        try (QemuGuest guest = QemuGuest.boot(disk.file(), "raw", "tampered-a", true)) {
            Matcher good = guest.await(GOOD_ON_B, LIMIT);
            assertEquals(record.usr().rootHash(), good.group(1));
            assertEquals(3, guest.count(INITRD_FAILED), "slot A was tried exactly its three times");
            assertFalse(guest.log().contains("SLIPWAY-BOOT slot=A"), "slot A never came up");
        }
        assertEquals(List.of("slipway-a+0-3.conf", "slipway-b.conf"), disk.entries(),
                "A's tries ran out; B's entry was blessed (its counter removed) once B was good");
    }

    @Test
    void aFailingHealthCheckRebootsAndTheNodeFallsBackToSlotB() throws Exception {
        BuildRecord record = DefaultImageAccess.record();
        GuestDisk disk = withSlotB(record, "slipway-b.conf");
        disk.esp("mren", "::/loader/entries/slipway-a.conf", "::/loader/entries/slipway-a+1-0.conf");
        // ROOT as a node that booted before has it, with a change to /etc that breaks containerd's
        // health check on slot A only (a bad configuration the new slot does not cope with).
        Path changes = Files.createDirectories(temp.resolve("root/.slipway/etc/changes/systemd/system/"
                + "slipway-health-containerd.service.d"));
        Files.writeString(changes.resolve("fail-on-slot-a.conf"), """
                [Service]
                ExecStartPre=/bin/sh -c '! grep -q slipway.slot=A /proc/cmdline'
                """);
        BuildRecord.Partition root = disk.partition("ROOT");
        Command.run("mke2fs", "-q", "-F", "-t", "ext4", "-L", "ROOT", "-d", temp.resolve("root").toString(),
                "-E", "offset=" + disk.offset("ROOT") + ",nodiscard", disk.file().toString(), (root.size() / 1024) + "k").check();

        try (QemuGuest guest = QemuGuest.boot(disk.file(), "raw", "unhealthy-a", true)) {
            guest.await(GOOD_ON_B, LIMIT);
            assertFalse(guest.log().contains("SLIPWAY-BOOT slot=A"), "slot A never reached boot-complete.target");
            assertEquals(2, guest.count(Pattern.compile("slipway-health: /usr verified")),
                    "slot A came up to its health checks once, slot B once");
            assertFalse(guest.log().contains("slipway-initrd: first boot"), "ROOT was kept");
        }
        assertEquals(List.of("slipway-a+0-1.conf", "slipway-b.conf"), disk.entries());
    }

    /**
     * The default disk with slot B staged as an update would: the same /usr in USR-B, B's kernel and
     * initrd in the ESP, and an entry named {@code entryName} of an older version than A's, so A,
     * while it has tries, sorts first.
     */
    private GuestDisk withSlotB(BuildRecord record, String entryName) throws Exception {
        Path image = DefaultImageAccess.directory();
        GuestDisk disk = GuestDisk.copyOf(image.resolve("disk.raw"), record, temp.resolve("disk.raw"), 0);
        disk.writePartition("USR-B", image.resolve("usr.img"));
        disk.esp("mmd", "::/slipway/b");
        disk.esp("mcopy", image.resolve("vmlinuz").toString(), "::/slipway/b/vmlinuz");
        disk.esp("mcopy", image.resolve("initrd.img").toString(), "::/slipway/b/initrd.img");
        disk.espWrite("::/loader/entries/" + entryName, BootFiles.entry("b", record.image().name(), "0.0.1",
                record.usr().rootHash(), record.usr().hashOffset()), temp);
        assertTrue(disk.entries().contains("slipway-a.conf"));
        return disk;
    }
}
