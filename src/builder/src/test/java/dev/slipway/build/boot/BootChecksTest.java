package dev.slipway.build.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.build.BuildRecord;
import dev.slipway.build.BuildResult;
import dev.slipway.build.DefaultImageAccess;
import dev.slipway.testing.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as it runs, seen from inside and then from the host. A test-only overlay profile
 * ({@code src/test/resources/boot-checks}) adds to the default image a unit that prints what the
 * booted node looks like and powers off; the disk it boots is 1 GiB larger than built, as a node's
 * disk usually is. Afterwards the host reads the disk with sfdisk, sgdisk, blkid and debugfs.
 */
class BootChecksTest {

    private static final Path PROFILE = Path.of("src/test/resources/boot-checks/boot-checks.toml").toAbsolutePath();
    private static final Pattern CHECKS = Pattern.compile("SLIPWAY-CHECKS (.*)");
    private static final long GROWN = 1L << 30;

    @TempDir
    Path temp;

    @Test
    void theBootedNodeIsWhatTheImagePromisesAndTheHostSeesItsFirstBoot() throws Exception {
        BuildResult built = DefaultImageAccess.buildOnDefault(PROFILE, temp.resolve("image"));
        BuildRecord record = built.record();
        GuestDisk disk = GuestDisk.copyOf(built.usrImage().resolveSibling("disk.raw"), record,
                temp.resolve("disk.raw"), GROWN);
        Map<String, String> facts;
        try (QemuGuest guest = QemuGuest.boot(disk.file(), "raw", "boot-checks")) {
            Matcher line = guest.await(CHECKS, Duration.ofMinutes(5));
            facts = facts(line.group(1));
            guest.awaitPoweroff(Duration.ofMinutes(2));
        }

        assertEquals("no", facts.get("usr-writable"), "/usr is read-only");
        assertEquals("none", facts.get("package-managers"), "no dpkg, apt or aptitude on the node");
        assertEquals("no", facts.get("dpkg-state"), "no /var/lib/dpkg");
        assertEquals("none", facts.get("missing-modules"), "Hyper-V, dm-verity and EROFS modules are in the image");
        assertEquals("overlay", facts.get("etc"), "/etc is an overlay over the image's defaults");
        assertEquals("vfat", facts.get("esp"), "the ESP is mounted on demand at /efi");
        assertEquals("ext4", facts.get("oem"), "OEM was made at first boot");
        assertEquals("disabled", facts.get("cloud-init"), "no cloud here: cloud-init stays out of the boot");
        assertEquals("active", facts.get("chrony"), "chrony runs without the Hyper-V clock");
        assertEquals("yes", facts.get("containerd"), "containerd answers");
        assertEquals("active+active", facts.get("health"), "both health checks passed");
        assertTrue(facts.get("machine-id").matches("[0-9a-f]{32}"), "machine-id made at first boot");

        long builtRootMib = disk.partition("ROOT").size() >> 20;
        long rootPartMib = Long.parseLong(facts.get("root-part-mib"));
        // The image leaves its last MiB for the backup GPT; ROOT ends on a MiB boundary before it still.
        assertEquals(builtRootMib + (GROWN >> 20), rootPartMib, "ROOT grew by the GiB added to the disk");
        assertTrue(Long.parseLong(facts.get("root-fs-mib")) > rootPartMib * 9 / 10, "ROOT's filesystem fills it");

        String verify = Command.run("sgdisk", "-v", disk.file().toString()).check().out();
        assertTrue(verify.contains("No problems found"), verify);
        JsonNode table = new ObjectMapper().readTree(Command.run("sfdisk", "--json", disk.file().toString()).check()
                .out()).path("partitiontable");
        assertNotEquals(record.disk().guid(), table.path("id").asText().toUpperCase(Locale.ROOT),
                "the disk got a fresh GUID");
        Map<String, String> uuids = new HashMap<>();
        table.path("partitions").forEach(p -> uuids.put(p.path("name").asText(), p.path("uuid").asText()));
        assertNotEquals(disk.partition("ROOT").uuid(), uuids.get("ROOT"), "ROOT got a fresh GUID");
        for (String slot : new String[] {"USR-A", "USR-B"}) {
            assertEquals(disk.partition(slot).uuid(), uuids.get(slot), slot + " keeps Flatcar's PARTUUID");
        }
        String machineId = Command.run("debugfs", "-R", "cat /.slipway/etc/changes/machine-id",
                disk.file() + "?offset=" + disk.offset("ROOT")).check().out().strip();
        assertEquals(facts.get("machine-id"), machineId, "machine-id is kept on ROOT, under /etc's changes");
    }

    private static Map<String, String> facts(String line) {
        Map<String, String> facts = new HashMap<>();
        for (String pair : line.strip().split(" ")) {
            int equals = pair.indexOf('=');
            facts.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return facts;
    }
}
