package dev.slipway.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.config.BootBackendKind;
import dev.slipway.agent.disk.MtoolsEsp;
import dev.slipway.agent.fetch.FetchSettings;
import dev.slipway.agent.fetch.RepositoryClient;
import dev.slipway.agent.fetch.RepositoryClients;
import dev.slipway.agent.install.Rebooter;
import dev.slipway.agent.node.FileBlockDevice;
import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.Phase;
import dev.slipway.agent.state.Slot;
import dev.slipway.agent.testing.Bootctl;
import dev.slipway.agent.testing.DiskChecks;
import dev.slipway.agent.testing.Fault;
import dev.slipway.agent.testing.FaultyServer;
import dev.slipway.agent.testing.TestBuild;
import dev.slipway.agent.testing.TestDisk;
import dev.slipway.agent.testing.TestRepository;
import dev.slipway.repository.RepositoryLayout;
import dev.slipway.trust.policy.TrustStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that misbehaves while the agent downloads (our own faulty server on 127.0.0.1): truncated, corrupted,
 * oversized or endless data, HTTP errors, stalls and resets. Whatever happens, nothing outside the inactive slot
 * changes (slot A, its entry and boot files), slot B gets no entry, and every block of slot B is either what it
 * held before or the signed image's block at that place: no unverified block lands. The next cycle, with the
 * server well again, finishes the update.
 */
class DownloadFaultsTest {

    @TempDir
    static Path shared;
    static TestBuild v1;
    static TestBuild v2;
    static Path repo;
    static FaultyServer server;
    static Bootctl bootctl;

    @TempDir
    Path temp;

    @BeforeAll
    static void serve() throws Exception {
        v1 = TestBuild.make(shared.resolve("v1"), "1.0.0", 1, 4);
        v2 = TestBuild.make(shared.resolve("v2"), "2.0.0", 1, 4);
        repo = shared.resolve("repo");
        TestRepository.publish(repo, v2);
        server = FaultyServer.serve(repo);
        bootctl = new Bootctl(shared.resolve("bootctl-esp"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        bootctl.close();
    }

    static Stream<Arguments> faults() {
        String version = RepositoryLayout.versionDirectory(TestBuild.NAME, "2.0.0") + "/";
        String frames = version + RepositoryLayout.USR_FRAMES;
        return Stream.of(
                Arguments.of(frames, new Fault.TruncateAfter(300_000)),
                Arguments.of(frames, new Fault.CorruptByte(123_456)),
                Arguments.of(frames, new Fault.Status(500)),
                Arguments.of(frames, new Fault.StallAfter(200_000)),
                Arguments.of(frames, new Fault.ResetAfter(500_000)),
                Arguments.of(frames, new Fault.IgnoreRange()),
                Arguments.of(version + RepositoryLayout.USR_VERITY, new Fault.CorruptByte(5000)),
                Arguments.of(version + RepositoryLayout.USR_VERITY, new Fault.Endless()),
                Arguments.of(version + RepositoryLayout.USR_FRAME_INDEX, new Fault.Status(404)),
                Arguments.of(version + "vmlinuz", new Fault.CorruptByte(10)),
                Arguments.of(version + "initrd.img", new Fault.TruncateAfter(1000)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("faults")
    void aFaultyDownloadChangesNothingOutsideTheInactiveSlot(String path, Fault fault) throws Exception {
        Path disk = TestDisk.create(temp.resolve("disk.raw"), v1);
        Map<String, byte[]> espBefore = Bootctl.espOf(disk, TestDisk.espOffset(), temp);
        byte[] slotA = TestDisk.partition(disk, 3);
        byte[] slotB = TestDisk.partition(disk, 4);
        Path state = temp.resolve("state");

        server.fault(path, fault);
        try {
            AgentState after = cycle(disk, state);
            assertEquals(Phase.FAILED, after.phase(), "the fault went unnoticed: " + after);
        } catch (IOException expected) {
            // A transient failure: the cycle stops and the next one resumes.
        } finally {
            server.clearFaults();
        }
        DiskChecks.assertSlotUnchanged(slotA, disk, 3);
        Map<String, byte[]> esp = Bootctl.espOf(disk, TestDisk.espOffset(), temp);
        for (String file : List.of("loader/entries/slipway-a.conf", "slipway/a/vmlinuz", "slipway/a/initrd.img")) {
            assertArrayEquals(espBefore.get(file), esp.get(file), file);
        }
        assertEquals(List.of("slipway-a.conf"), bootctl.order(esp), "slot B must not be bootable");
        onlyVerifiedBlocks(slotB, TestDisk.partition(disk, 4), Files.readAllBytes(v2.usrImage()));

        AgentState healed = cycle(disk, state);
        assertEquals(Phase.STAGED, healed.phase(), healed.toString());
        DiskChecks.verityVerifies(disk, 4, v2, temp);
        DiskChecks.assertSlotUnchanged(slotA, disk, 3);
    }

    @org.junit.jupiter.api.Test
    void extraBytesAfterARangeAreNeverRead() throws Exception {
        Path disk = TestDisk.create(temp.resolve("disk.raw"), v1);
        String frames = RepositoryLayout.versionDirectory(TestBuild.NAME, "2.0.0") + "/" + RepositoryLayout.USR_FRAMES;
        server.fault(frames, new Fault.ExtraBytes(4096));
        try {
            assertEquals(Phase.STAGED, cycle(disk, temp.resolve("state")).phase());
        } finally {
            server.clearFaults();
        }
        DiskChecks.verityVerifies(disk, 4, v2, temp);
    }

    /** Each 4 KiB block of the slot is as it was, or the signed image's block at that offset. */
    private static void onlyVerifiedBlocks(byte[] before, byte[] after, byte[] image) {
        for (int at = 0; at < after.length; at += 4096) {
            byte[] block = Arrays.copyOfRange(after, at, at + 4096);
            boolean unchanged = Arrays.equals(block, Arrays.copyOfRange(before, at, at + 4096));
            boolean signed = at + 4096 <= image.length && Arrays.equals(block, Arrays.copyOfRange(image, at, at + 4096));
            assertTrue(unchanged || signed, "block at " + at + " of slot B is neither what it was nor the image's");
        }
    }

    private static AgentState cycle(Path disk, Path state) throws Exception {
        try (NodeSetup setup = NodeSetup.open(state, "test", FileBlockDevice.open(disk), MtoolsEsp.inDiskImage(disk),
                BootBackendKind.SYSTEMD_BOOT, Slot.A, null, "test-machine", true);
             RepositoryClient client = RepositoryClients.open(server.baseUri(),
                     FetchSettings.defaults().withStallTimeout(Duration.ofSeconds(1)))) {
            return Cycles.create(setup, client, TestRepository.CHANNEL, TrustStores.development(), true,
                    new Rebooter.Manual(), line -> { }).run();
        }
    }
}
