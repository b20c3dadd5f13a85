package dev.slipway.build.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.build.BuildRecord;
import dev.slipway.build.BuildResult;
import dev.slipway.build.DefaultImageAccess;
import dev.slipway.erofs.ErofsOptions;
import dev.slipway.erofs.ErofsWriter;
import dev.slipway.io.Progress;
import dev.slipway.repository.PublishRequest;
import dev.slipway.repository.Publisher;
import dev.slipway.source.LoadedTree;
import dev.slipway.source.SourceOptions;
import dev.slipway.source.Sources;
import dev.slipway.testing.Command;
import dev.slipway.tree.Timestamp;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerifyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's promise on a machine that boots: one node, built as version 1 of a test overlay of the
 * default image, updates itself in QEMU (UEFI, TCG, {@code -nic none}) from a repository on its second disk,
 * through the agent the image carries. The scenarios run in order on the same disk, as a node lives: a good
 * update (1 to 2, slot B), a bad one (3 fails its health check in slot A, its tries run out, B runs 2 again and
 * the agent reports the rollback and skips 3), and a later one (4 in slot A) that goes through two power cuts,
 * one while its payload is written and one as the boot selection switches. The guest has a Hyper-V VM's SMBIOS values, so the agent reports
 * to the KVP pool file, read from the disk afterwards. Serial logs are kept in {@code target/boot-logs}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Not in the default run yet: it takes about 25 minutes under TCG, and in one CI run of three the guest stopped
// printing anything 47 s into a payload write (a TCG hang, like the reset hangs QemuGuest works around) and
// the scenario timed out. Run it with -Dslipway.e2e=true (docs/testing.md).
@EnabledIfSystemProperty(named = "slipway.e2e", matches = "true")
class UpdateEndToEndTest {

    private static final Path PROFILES = Path.of("src/test/resources/update-e2e").toAbsolutePath();
    private static final String CHANNEL = "e2e";
    /** A boot under TCG takes two to three minutes, writing and verifying the whole /usr about two more. */
    private static final Duration BOOT = Duration.ofMinutes(5);
    private static final Duration UPDATE = Duration.ofMinutes(10);
    /** Three failed boots of the bad slot and the fallback boot. */
    private static final Duration ROLLBACK = Duration.ofMinutes(15);

    /** Static: JUnit gives an instance field its directory only before each test, after {@code @BeforeAll}. */
    @TempDir
    static Path work;

    private final Map<String, BuildResult> builds = new HashMap<>();
    private GuestDisk node;
    private Path repository;

    @BeforeAll
    void buildVersions() throws Exception {
        // Only the version stamp and the test overlay differ: every build starts from the default composition.
        for (String version : List.of("1", "2", "3", "4")) {
            Path profile = PROFILES.resolve(version.equals("3") ? "bad.toml" : "node.toml");
            builds.put(version, DefaultImageAccess.buildOnDefault(profile, work.resolve("v" + version), version));
        }
        BuildResult first = builds.get("1");
        node = GuestDisk.copyOf(first.usrImage().resolveSibling("disk.raw"), first.record(), work.resolve("node.raw"), 0);
        repository = Files.createDirectories(work.resolve("repository"));
    }

    @Test
    @Order(1)
    void aGoodUpdateMovesTheNodeFromVersion1OnSlotAToVersion2OnSlotB() throws Exception {
        publish("2");
        try (QemuGuest guest = boot("good-update")) {
            guest.await(boot("A", "1"), BOOT);
            guest.await(staged("2", "B"), UPDATE);
            Matcher onB = guest.await(boot("B", "2"), BOOT);
            assertEquals(record("2").usr().rootHash(), onB.group(1), "the kernel's /usr is verity over version 2's root hash");
            guest.await(status("B", "2", "good"), BOOT);
            guest.requestPoweroff(Duration.ofMinutes(2));
        }
        assertTrue(node.entries().contains("slipway-b.conf"), "B's entry was blessed: " + node.entries());
        verifySlot("USR-B", record("2"));
        verifySlot("USR-A", record("1"));
    }

    @Test
    @Order(2)
    void aBadUpdateRollsBackToVersion2AndIsNotTriedAgain() throws Exception {
        publish("3");
        try (QemuGuest guest = boot("bad-update")) {
            guest.await(boot("B", "2"), BOOT);
            Matcher staged = guest.await(staged("3", "A"), UPDATE);
            Matcher rolledBack = guest.await(Pattern.compile("slipway-agent: status: slot=B version=2 state=(\\S+)"
                    + " .*rolled-back=3 "), ROLLBACK, staged.end(), 500);
            assertEquals("rolled-back", rolledBack.group(1), rolledBack.group());
            String trials = guest.log().substring(staged.end(), rolledBack.start());
            assertEquals(3, Pattern.compile("Kernel command line: .*slipway\\.slot=A").matcher(trials).results().count(),
                    "slot A was tried exactly its three times");
            assertFalse(trials.contains("SLIPWAY-BOOT slot=A"), "slot A never reached boot-complete.target");
            // The next check finds 3 in the channel again and leaves it alone.
            Matcher nextCheck = guest.await(Pattern.compile("slipway-agent: status: slot=B version=2 state=(\\S+)"
                    + " target=(\\S+) .*rolled-back=3 "), Duration.ofMinutes(3), rolledBack.end(), 500);
            assertEquals("none", nextCheck.group(2), nextCheck.group());
            assertFalse(guest.log().substring(rolledBack.end()).contains("writing 3 into slot"),
                    "version 3 was not written again");
            String metrics = metricsAfter(guest, rolledBack.start(), "slipway_agent_rollbacks_total 1");
            assertTrue(metrics.contains("\nslipway_agent_state{state=\"rolled-back\"} 1\n"), metrics);
            assertTrue(metrics.contains("\nslipway_agent_info{version=\"2\",slot=\"B\"} 1\n"), metrics);
            guest.requestPoweroff(Duration.ofMinutes(2));
        }
        Map<String, String> kvp = kvpPool();
        assertEquals("rolled-back", kvp.get("SlipwayState"), kvp.toString());
        assertEquals("2", kvp.get("SlipwayVersion"), kvp.toString());
        assertEquals("B", kvp.get("SlipwaySlot"), kvp.toString());
        assertEquals("3", kvp.get("SlipwayRolledBack"), kvp.toString());
    }

    @Test
    @Order(3)
    void aLaterVersionInstallsThroughPowerCutsWhileWritingAndWhileSwitching() throws Exception {
        publish("4");
        try (QemuGuest guest = boot("later-update")) {
            guest.await(boot("B", "2"), BOOT);
            guest.await(Pattern.compile("slipway-agent: writing 4 into slot A"), UPDATE, 0, 100);
            // Into the payload: the power goes a few seconds after the write began.
            Thread.sleep(5_000);
            guest.powerCut();
            int afterFirstCut = guest.mark();
            guest.await(boot("B", "2"), BOOT, afterFirstCut, 500);
            guest.await(Pattern.compile("slipway-agent: switching the boot selection to slot A"), UPDATE,
                    afterFirstCut, 100);
            guest.powerCut();
            int afterSecondCut = guest.mark();
            // Wherever the cut fell in the switch, the next boot is a slot that verifies: B, or A on trial.
            Matcher next = guest.await(Pattern.compile("SLIPWAY-BOOT slot=(\\S+) version=(\\S+) usr=verity-ok"),
                    BOOT, afterSecondCut, 500);
            assertTrue(next.group(1).equals("B") && next.group(2).equals("2")
                    || next.group(1).equals("A") && next.group(2).equals("4"), next.group());
            Matcher onA = guest.await(boot("A", "4"), UPDATE, afterSecondCut, 500);
            assertEquals(record("4").usr().rootHash(), onA.group(1), "the kernel's /usr is verity over 4's root hash");
            guest.await(status("A", "4", "good"), BOOT, onA.end(), 500);
            guest.requestPoweroff(Duration.ofMinutes(2));
        }
        verifySlot("USR-A", record("4"));
        verifySlot("USR-B", record("2"));
        assertTrue(node.entries().contains("slipway-a.conf"), "A's entry was blessed: " + node.entries());
    }

    /**
     * Copies the JVM's crash reports from ROOT (the overlay points {@code -XX:ErrorFile} there) to the boot logs,
     * and names them: a JVM that died under TCG is restarted by systemd and the agent resumes, so the scenario may
     * still pass, and the reports are how such a death is seen at all.
     */
    @org.junit.jupiter.api.AfterEach
    void keepCrashReports() throws IOException {
        String listing = onRoot("ls -p /var/lib/slipway").out();
        Matcher report = Pattern.compile("/(hs_err_pid\\d+\\.log)/").matcher(listing);
        Path logs = Files.createDirectories(Path.of("target/boot-logs"));
        while (report.find()) {
            Path copy = logs.resolve("e2e-" + report.group(1));
            if (!Files.exists(copy)) {
                onRoot("dump /var/lib/slipway/" + report.group(1) + " " + copy.toAbsolutePath()).check();
                System.err.println("UpdateEndToEndTest: the agent's JVM died in the guest; its report: " + copy);
            }
        }
    }

    /**
     * The first block of the agent's metrics after {@code from} in the serial log that has {@code line}: the
     * overlay's e2e-metrics unit prints them (read from 127.0.0.1:9477 with bash's /dev/tcp, the image has no
     * HTTP client) whenever they change.
     */
    private static String metricsAfter(QemuGuest guest, int from, String line) throws Exception {
        Matcher found = guest.await(Pattern.compile("SLIPWAY-METRICS " + Pattern.quote(line) + "\r?\n"),
                Duration.ofMinutes(2), from, 500);
        int end = guest.await(Pattern.compile("SLIPWAY-METRICS-END"), Duration.ofMinutes(1), found.end(), 500).start();
        String log = guest.log();
        int start = log.lastIndexOf("SLIPWAY-METRICS-END", found.start());
        StringBuilder text = new StringBuilder("\n");
        Matcher metric = Pattern.compile("SLIPWAY-METRICS (.*)").matcher(log.substring(Math.max(start, from), end));
        while (metric.find()) {
            text.append(metric.group(1).strip()).append('\n');
        }
        return text.toString();
    }

    private QemuGuest boot(String scenario) throws Exception {
        Path disk = repositoryDisk();
        return QemuGuest.boot(node.file(), "raw", "e2e-" + scenario, true, List.of(
                "-drive", "if=none,id=repository,format=raw,readonly=on,file=" + disk,
                "-device", "virtio-blk-pci,drive=repository,serial=slipway-repo",
                "-smbios", "type=1,manufacturer=Microsoft Corporation,product=Virtual Machine"));
    }

    /** Publishes {@code version} into the channel, as {@code slipway publish} does. */
    private void publish(String version) throws Exception {
        new Publisher(repository, Clock.systemUTC(), Progress.NONE).publish(builds.get(version).usrImage().getParent(),
                new PublishRequest(CHANNEL, Duration.ofDays(7), null, SigningKeys.development(KeyRole.CHANNEL_SIGNING),
                        TrustStores.development(), VerifyOptions.ALLOW_DEVELOPMENT, List.of(), List.of()));
    }

    /** The repository as an EROFS image (Slipway's writer, no root or mount), the guest's second disk. */
    private Path repositoryDisk() throws IOException {
        Path image = work.resolve("repository.erofs");
        Files.deleteIfExists(image);
        Path spool = Files.createDirectories(work.resolve("spool"));
        try (LoadedTree loaded = Sources.open(repository, new SourceOptions(null, spool, warning -> { }))) {
            ErofsWriter.write(loaded.tree(), image, new ErofsOptions(Timestamp.ofSeconds(0), UUID.randomUUID(),
                    "slipway-repo"), Progress.NONE);
        }
        Command.run("fsck.erofs", image.toString()).check();
        return image;
    }

    private BuildRecord record(String version) {
        return builds.get(version).record();
    }

    /** {@code veritysetup verify} on the slot's partition, through a read-only loop device at its offset. */
    private void verifySlot(String label, BuildRecord expected) throws IOException {
        BuildRecord.Partition partition = node.partition(label);
        String loop = Command.run("losetup", "--find", "--show", "--read-only", "--offset",
                Long.toString(node.offset(label)), "--sizelimit", Long.toString(partition.size()), node.file().toString())
                .check().out().strip();
        try {
            Command.run("veritysetup", "verify", loop, loop, expected.usr().rootHash(),
                    "--hash-offset=" + expected.usr().hashOffset()).check();
        } finally {
            Command.run("losetup", "-d", loop).check();
        }
    }

    /**
     * The guest's KVP pool 1 read from ROOT with debugfs: records of a 512-byte key and a 2048-byte value, each
     * NUL-padded, as hv_kvp_daemon keeps them.
     */
    private Map<String, String> kvpPool() throws IOException {
        Path pool = work.resolve("kvp_pool_1");
        Files.deleteIfExists(pool);
        onRoot("dump /var/lib/hyperv/.kvp_pool_1 " + pool).check();
        byte[] bytes = Files.readAllBytes(pool);
        assertEquals(0, bytes.length % 2560, "whole records");
        Map<String, String> records = new HashMap<>();
        for (int at = 0; at < bytes.length; at += 2560) {
            records.put(cString(bytes, at, 512), cString(bytes, at + 512, 2048));
        }
        return records;
    }

    /** One debugfs request on the node's ROOT filesystem, read from the disk image (no mount). */
    private Command.Result onRoot(String request) throws IOException {
        return Command.run("debugfs", "-R", request, node.file() + "?offset=" + node.offset("ROOT"));
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Pattern boot(String slot, String version) {
        return Pattern.compile("SLIPWAY-BOOT slot=" + slot + " version=" + version + " usr=verity-ok usr-mount=ro"
                + " roothash=(\\S+) ");
    }

    private static Pattern staged(String version, String slot) {
        return Pattern.compile("slipway-agent: staged: staged " + version + " in slot " + slot + ";");
    }

    private static Pattern status(String slot, String version, String state) {
        return Pattern.compile("slipway-agent: status: slot=" + slot + " version=" + version + " state=" + state + " ");
    }
}
