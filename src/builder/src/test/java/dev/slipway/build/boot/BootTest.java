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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default image boots: QEMU with OVMF (UEFI, as Hyper-V generation 2 and Azure boot), systemd-boot,
 * Slipway's initrd, /usr from dm-verity over USR-A with the root hash the build signed, ROOT made on
 * the first boot and kept on the second; and the VHDX boots the same way.
 */
class BootTest {

    private static final Pattern STATUS = Pattern.compile(
            "SLIPWAY-BOOT slot=(\\S+) version=(\\S+) usr=(\\S+) usr-mount=(\\S+) roothash=(\\S+) root=(\\S+)"
                    + " root-mib=(\\d+) state=(\\S+)");
    /** The boot report's second line: slipway-agent's service, and what `slipway-agent status --line` answers. */
    private static final Pattern AGENT = Pattern.compile(
            "SLIPWAY-AGENT service=(\\S+) slot=(\\S+) version=(\\S+) state=(\\S+) target=(\\S+) next-boot=(\\S+)");
    private static final Duration BOOT_LIMIT = Duration.ofMinutes(5);

    @TempDir
    Path temp;

    private static void assertGood(Matcher status, BuildRecord record) {
        assertEquals("A", status.group(1));
        assertEquals(record.image().version(), status.group(2));
        assertEquals("verity-ok", status.group(3), "/usr is dm-verity's device");
        assertEquals("ro", status.group(4), "/usr is mounted read-only");
        assertEquals(record.usr().rootHash(), status.group(5), "the kernel's verity table has the signed root hash");
        assertEquals("ext4", status.group(6), "ROOT was made at first boot");
        assertEquals("good", status.group(8));
    }

    @Test
    void theRawDiskBootsToAGoodSlotAAndASecondBootKeepsRoot() throws Exception {
        BuildRecord record = DefaultImageAccess.record();
        Path disk = temp.resolve("disk.raw");
        Command.run("cp", "--sparse=always", DefaultImageAccess.directory().resolve("disk.raw").toString(),
                disk.toString()).check();
        try (QemuGuest first = QemuGuest.boot(disk, "raw", "first-boot")) {
            assertGood(first.await(STATUS, BOOT_LIMIT), record);
            assertTrue(first.log().contains("first boot: making the ROOT filesystem"), "ROOT made on first boot");
            Matcher agent = first.await(AGENT, Duration.ofMinutes(2));
            assertEquals("active", agent.group(1), "slipway-agent.service runs");
            assertEquals("A", agent.group(2), "the agent finds the booted slot");
            assertEquals(record.image().version(), agent.group(3), "the agent reads the running version from USR-A");
            assertEquals("A", agent.group(6), "slot A boots next");
            assertFalse(first.log().contains("running 'init-local'"), "without a cloud, cloud-init does not run");
        }
        try (QemuGuest second = QemuGuest.boot(disk, "raw", "second-boot")) {
            assertGood(second.await(STATUS, BOOT_LIMIT), record);
            assertFalse(second.log().contains("first boot: making the ROOT filesystem"), "ROOT kept");
        }
        String filesystem = Command.run("sh", "-c", "blkid -p -o value -s TYPE --offset $((512 * "
                + record.disk().partitions().stream().filter(p -> p.label().equals("ROOT")).findFirst().orElseThrow()
                .firstLba() + ")) " + disk).out().strip();
        assertEquals("ext4", filesystem, "the host sees ROOT's filesystem after poweroff");
    }

    @Test
    void theVhdxBootsToo() throws Exception {
        BuildRecord record = DefaultImageAccess.record();
        Path disk = temp.resolve("disk.vhdx");
        Files.copy(DefaultImageAccess.directory().resolve("disk.vhdx"), disk);
        try (QemuGuest guest = QemuGuest.boot(disk, "vhdx", "vhdx-boot")) {
            assertGood(guest.await(STATUS, BOOT_LIMIT), record);
        }
    }
}
