package dev.slipway.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.agent.testing.Bootctl;
import dev.slipway.agent.testing.Commands;
import dev.slipway.agent.testing.DiskChecks;
import dev.slipway.agent.testing.Fault;
import dev.slipway.agent.testing.FaultyServer;
import dev.slipway.agent.testing.TestBuild;
import dev.slipway.agent.testing.TestDisk;
import dev.slipway.agent.testing.TestRepository;
import dev.slipway.repository.RepositoryLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent, a process of its own running {@code update --disk} against a slow repository, killed with
 * SIGKILL at random moments and started again, as a power cut or the OOM killer would. After every kill the
 * node can boot: slot A is byte for byte what it was, and systemd-boot (bootctl's reading of the ESP) starts
 * either A or, once the switch happened, B on trial with v2's kernel and a slot that veritysetup verifies. A
 * last run then finishes the update. Seed: {@code -Dslipway.kill.seed=N} repeats a sequence.
 */
class KillTest {

    static final int KILLS = 8;
    /** Longer than a whole unkilled run here (about 4 s), so some kills land after the switch. */
    static final long LONGEST_DELAY_MILLIS = 6000;
    /** After the verifying phase begins: reading 4 MiB back, then the ESP's boot files, entry and renames. */
    static final long SWITCH_WINDOW_MILLIS = 300;
    static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    @TempDir
    static Path shared;
    static TestBuild v1;
    static TestBuild v2;
    static FaultyServer server;
    static Bootctl bootctl;

    @TempDir
    Path temp;

    /** One node: its disk, state directory and slot A as it was before any update. */
    record Node(Path disk, Path state, byte[] slotA) {
        static Node fresh(Path directory) throws Exception {
            Files.createDirectories(directory);
            Path disk = TestDisk.create(directory.resolve("disk.raw"), v1);
            return new Node(disk, directory.resolve("state"), TestDisk.partition(disk, 3));
        }
    }

    @BeforeAll
    static void serveSlowly() throws Exception {
        v1 = TestBuild.make(shared.resolve("v1"), "1.0.0", 1, 4);
        v2 = TestBuild.make(shared.resolve("v2"), "2.0.0", 1, 4);
        Path repo = shared.resolve("repo");
        TestRepository.publish(repo, v2);
        server = FaultyServer.serve(repo);
        // About 2 MiB of frames at 16 KiB per 25 ms: a download of some 3 s, long enough to be cut anywhere.
        server.fault(RepositoryLayout.versionDirectory(TestBuild.NAME, "2.0.0") + "/" + RepositoryLayout.USR_FRAMES,
                new Fault.Slow(Duration.ofMillis(25), 16 * 1024));
        bootctl = new Bootctl(shared.resolve("bootctl-esp"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        bootctl.close();
    }

    @Test
    void aKilledAgentLeavesANodeThatBootsAndTheNextRunFinishes() throws Exception {
        long seed = Long.getLong("slipway.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        Node node = Node.fresh(temp.resolve("node-0"));
        int killed = 0;
        int afterSwitch = 0;
        int finished = 0;
        List<String> log = new ArrayList<>();
        for (int trial = 1; trial <= KILLS; trial++) {
            Process agent = start(node, "trial-" + trial);
            // Odd trials cut anywhere; even ones aim at the switch: just after the slot is read back.
            boolean aimed = trial % 2 == 0 && waitForPhase(node, Set.of("verifying", "staged"), agent);
            long delay = aimed ? random.nextLong(SWITCH_WINDOW_MILLIS) : random.nextLong(LONGEST_DELAY_MILLIS);
            boolean exited = agent.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!exited) {
                killWithChildren(agent);
                killed++;
            }
            String first = assertBootable(node, "trial " + trial + " (seed " + seed + ", kill at " + delay + " ms)");
            afterSwitch += !exited && first.startsWith("slipway-b") ? 1 : 0;
            log.add("trial " + trial + ": " + (exited ? "ran to the end before " : "killed at ") + delay + " ms"
                    + (aimed ? " after verifying began, " : ", ")
                    + first + " boots next");
            if (exited) {
                // A run that finished leaves nothing to interrupt: the next kills get a node of their own.
                assertEquals(0, agent.exitValue(), output(node, "trial-" + trial));
                finished++;
                node = Node.fresh(temp.resolve("node-" + trial));
            }
        }

        Process last = start(node, "last");
        assertTrue(last.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS), "the last run did not end in " + RUN_LIMIT);
        assertEquals(0, last.exitValue(), output(node, "last"));
        String json = Files.readString(node.state().resolveSibling("last.out"));
        assertEquals("staged", new ObjectMapper().readTree(json).get("state").asText(), output(node, "last"));
        assertEquals("slipway-b+3-0.conf", assertBootable(node, "the last run"));
        DiskChecks.verityVerifies(node.disk(), 4, v2, temp);

        log.forEach(line -> System.out.println("KillTest: " + line));
        System.out.printf("KillTest: %d trials (seed %d): %d killed mid-run (%d of them after the switch), %d ran to "
                + "the end; every one left A intact and a bootable first entry%n", KILLS, seed, killed,
                afterSwitch, finished);
    }

    /** Checks the node could boot now, and returns the entry systemd-boot starts. */
    private String assertBootable(Node node, String when) throws Exception {
        DiskChecks.assertSlotUnchanged(node.slotA(), node.disk(), 3);
        Map<String, byte[]> esp = Bootctl.espOf(node.disk(), TestDisk.espOffset(), temp);
        List<String> order = bootctl.order(esp);
        String first = order.isEmpty() ? "(none)" : order.getFirst();
        if (!first.equals("slipway-a.conf")) {
            assertEquals("slipway-b+3-0.conf", first, when + ": boot order " + order);
            assertArrayEquals(v2.kernel(), esp.get("slipway/b/vmlinuz"), when + ": B's kernel");
            assertArrayEquals(v2.initrd(), esp.get("slipway/b/initrd.img"), when + ": B's initrd");
            DiskChecks.verityVerifies(node.disk(), 4, v2, temp);
        } else {
            assertArrayEquals(v1.kernel(), esp.get("slipway/a/vmlinuz"), when + ": A's kernel");
        }
        return first;
    }

    /**
     * Polls state.json (replaced whole by a rename, so never read half-written) until it names one of
     * {@code phases};
     * false when the agent ended first or {@link #RUN_LIMIT} passed.
     */
    private static boolean waitForPhase(Node node, Set<String> phases, Process agent) throws Exception {
        Path file = node.state().resolve("state.json");
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (agent.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(file) && phases.contains(new ObjectMapper().readTree(file.toFile()).path("phase").asText())) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** The agent in a JVM of its own, on this JVM's class path; stdout and stderr go to files beside the state. */
    private static Process start(Node node, String name) throws IOException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(), "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp",
                System.getProperty("java.class.path"), AgentMain.class.getName(), "update", "--disk",
                node.disk().toString(), "--booted", "A", "--repo", server.baseUri().toString(), "--channel",
                TestRepository.CHANNEL, "--trust", TestRepository.developmentRoot().toString(), "--state",
                node.state().toString(), "--allow-development-keys", "--json");
        Path directory = node.state().getParent();
        return new ProcessBuilder(command).redirectOutput(directory.resolve(name + ".out").toFile())
                .redirectError(directory.resolve(name + ".err").toFile()).start();
    }

    /**
     * SIGKILL for the agent and whatever it started (mtools), as systemd kills a unit's cgroup: the agent is
     * stopped first (SIGSTOP) so it starts nothing between listing its children and the kill.
     */
    private static void killWithChildren(Process agent) throws Exception {
        Commands.exec(List.of("kill", "-STOP", Long.toString(agent.pid())), Map.of());
        List<ProcessHandle> children = agent.descendants().toList();
        agent.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        assertTrue(agent.waitFor(30, TimeUnit.SECONDS), "the agent outlived SIGKILL by 30 s");
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private static String output(Node node, String name) throws IOException {
        Path directory = node.state().getParent();
        return "stdout:\n" + Files.readString(directory.resolve(name + ".out")) + "\nstderr:\n"
                + Files.readString(directory.resolve(name + ".err"));
    }
}
