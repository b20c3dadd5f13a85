package dev.slipway.agent.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.fetch.FetchSettings;
import dev.slipway.agent.fetch.RepositoryClient;
import dev.slipway.agent.fetch.RepositoryClients;
import dev.slipway.agent.state.Phase;
import dev.slipway.agent.state.Slot;
import dev.slipway.agent.testing.Bootctl;
import dev.slipway.agent.testing.CrashSwitch;
import dev.slipway.agent.testing.DiskChecks;
import dev.slipway.agent.testing.LossyNode;
import dev.slipway.agent.testing.TestBuild;
import dev.slipway.agent.testing.TestDisk;
import dev.slipway.agent.testing.TestRepository;
import dev.slipway.boot.BootEntry;
import dev.slipway.boot.EntryFileName;
import dev.slipway.gpt.FlatcarLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The power is cut before every single operation the agent makes on its disk, ESP and state while it installs an
 * update (writes, syncs, renames, deletes, state commits), and the writes not yet durable are lost: all of them, or
 * a random part of them (a disk and a FAT that write back in any order). After each cut: the booted slot is as it
 * was, and the slot the bootloader would start (bootctl for systemd-boot, cgpt's bits for gptprio) verifies with
 * veritysetup against the root hash its entry pins, with that version's kernel and initrd. Then the agent starts
 * again on what survived and must finish the update.
 */
class CrashSafetyTest {

    private static final int FRAMES_PER_RUN = 1;
    private static final int RANDOM_LOSSES = 2;

    @TempDir
    static Path shared;
    static TestBuild v1;
    static TestBuild v2;
    static Path diskFile;
    static Map<String, byte[]> esp;
    static Path repository;
    static Bootctl bootctl;
    static byte[] slotA;

    @TempDir
    Path temp;

    @BeforeAll
    static void prepare() throws Exception {
        v1 = TestBuild.make(shared.resolve("v1"), "1.0.0", 1, 4);
        v2 = TestBuild.make(shared.resolve("v2"), "2.0.0", 1, 4);
        diskFile = TestDisk.create(shared.resolve("disk.raw"), v1);
        esp = Bootctl.espOf(diskFile, TestDisk.espOffset(), shared);
        repository = shared.resolve("repo");
        TestRepository.publish(repository, v2);
        slotA = TestDisk.partition(diskFile, FlatcarLayout.USR_A.number());
        bootctl = new Bootctl(shared.resolve("bootctl-esp"));
    }

    @AfterAll
    static void unmount() throws Exception {
        bootctl.close();
    }

    @Test
    void systemdBootSelectionSurvivesAPowerCutAtEveryStep() throws Exception {
        trials(false);
    }

    @Test
    void gptPrioSelectionSurvivesAPowerCutAtEveryStep() throws Exception {
        trials(true);
    }

    private void trials(boolean gptPrio) throws Exception {
        long operations;
        try (RepositoryClient client = client()) {
            CrashSwitch counter = CrashSwitch.never();
            LossyNode node = LossyNode.of(diskFile, esp, gptPrio, counter);
            assertEquals(Phase.STAGED, node.cycle(Slot.A, client, FRAMES_PER_RUN).run().phase());
            operations = counter.operations();
            checkStaged(node);
        }
        int trials = 0;
        int safe = 0;
        for (long cut = 1; cut <= operations; cut++) {
            for (int loss = 0; loss <= RANDOM_LOSSES; loss++) {
                Random random = loss == 0 ? null : new Random(cut * 31 + loss);
                trials++;
                trial(gptPrio, cut, random);
                safe++;
            }
        }
        System.out.printf("crash safety (%s): %d operations, %d trials run, %d safe%n",
                gptPrio ? "gptprio" : "systemd-boot", operations, trials, safe);
        assertTrue(trials >= 100, "only " + trials + " trials");
        assertEquals(trials, safe);
    }

    private void trial(boolean gptPrio, long cut, Random random) throws Exception {
        String what = (gptPrio ? "gptprio" : "systemd-boot") + ", power cut before operation " + cut
                + (random == null ? ", every unsynced write lost" : ", some unsynced writes kept");
        LossyNode node = LossyNode.of(diskFile, esp, gptPrio, new CrashSwitch(cut));
        try (RepositoryClient client = client()) {
            node.cycle(Slot.A, client, FRAMES_PER_RUN).run();
            throw new AssertionError(what + ": the cycle finished before the cut");
        } catch (CrashSwitch.PowerCut expected) {
            node.powerLoss(random);
        }
        LossyNode rebooted = node.afterReboot(CrashSwitch.never());
        checkBootable(rebooted, what);
        try (RepositoryClient client = client()) {
            assertEquals(Phase.STAGED, rebooted.cycle(Slot.A, client, FRAMES_PER_RUN).run().phase(), what + ": resumed");
        }
        checkStaged(rebooted);
    }

    /** After a cut: A untouched, and what boots next verifies. */
    private void checkBootable(LossyNode node, String what) throws Exception {
        Path disk = node.durableDiskFile(temp.resolve("durable.raw"));
        assertEquals(sha256(slotA), sha256(TestDisk.partition(disk, 3)), what + ": slot A changed");
        Slot next;
        String rootHash;
        if (node.gptPrio) {
            next = gptPrioChoice(disk);
            rootHash = node.region(next).trailer().map(t -> t.rootHashHex()).orElse(null);
            assertTrue(rootHash != null, what + ": slot " + next + " is chosen but has no trailer");
        } else {
            Map<String, byte[]> files = node.esp.durableFiles();
            List<String> order = bootctl.order(files);
            assertTrue(!order.isEmpty(), what + ": no entry left to boot");
            EntryFileName first = EntryFileName.parse(order.getFirst());
            BootEntry entry = BootEntry.parse(files.get("loader/entries/" + order.getFirst()));
            next = Slot.parse(entry.slot());
            rootHash = entry.rootHash();
            assertTrue(!first.exhausted(), what + ": the first entry " + order + " has no tries left");
            TestBuild build = next == Slot.A ? v1 : v2;
            assertArrayEquals(build.kernel(), files.get("slipway/" + next.letter() + "/vmlinuz"), what + ": kernel");
            assertArrayEquals(build.initrd(), files.get("slipway/" + next.letter() + "/initrd.img"), what + ": initrd");
        }
        TestBuild build = next == Slot.A ? v1 : v2;
        assertEquals(build.rootHash(), rootHash, what + ": slot " + next + " pins an unexpected root hash");
        DiskChecks.verityVerifies(disk, next.partitionNumber(), build, temp);
        Files.delete(disk);
    }

    private void checkStaged(LossyNode node) throws Exception {
        Path disk = node.durableDiskFile(temp.resolve("staged.raw"));
        assertEquals(sha256(slotA), sha256(TestDisk.partition(disk, 3)));
        DiskChecks.verityVerifies(disk, 4, v2, temp);
        if (node.gptPrio) {
            assertEquals(Slot.B, gptPrioChoice(disk));
            assertEquals("2/3/0", DiskChecks.cgpt(disk, 4));
        } else {
            assertEquals(List.of("slipway-b+3-0.conf", "slipway-a.conf"), bootctl.order(node.esp.durableFiles()));
        }
        Files.delete(disk);
    }

    /** Flatcar GRUB's gptprio rule, on the bits cgpt reads: highest priority that is successful or has tries. */
    private static Slot gptPrioChoice(Path disk) throws Exception {
        Map<Slot, int[]> bits = new TreeMap<>();
        for (Slot slot : Slot.values()) {
            String[] pts = DiskChecks.cgpt(disk, slot.partitionNumber()).split("/");
            bits.put(slot, new int[] {Integer.parseInt(pts[0]), Integer.parseInt(pts[1]), Integer.parseInt(pts[2])});
        }
        Slot best = null;
        for (Slot slot : Slot.values()) {
            int[] b = bits.get(slot);
            boolean usable = b[0] > 0 && (b[2] == 1 || b[1] > 0);
            if (usable && (best == null || b[0] > bits.get(best)[0])) {
                best = slot;
            }
        }
        assertTrue(best != null, "no slot may boot: " + bits);
        return best;
    }

    private static RepositoryClient client() {
        return RepositoryClients.open(repository.toUri(), FetchSettings.defaults());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
