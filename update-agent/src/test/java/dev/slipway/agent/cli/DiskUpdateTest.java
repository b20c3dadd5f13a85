package dev.slipway.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.agent.testing.AgentRun;
import dev.slipway.agent.testing.Bootctl;
import dev.slipway.agent.testing.DiskChecks;
import dev.slipway.agent.testing.Nginx;
import dev.slipway.agent.testing.TestBuild;
import dev.slipway.agent.testing.TestDisk;
import dev.slipway.agent.testing.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One update cycle on a disk image, from a repository on the file system: A to B, then a simulated good boot,
 * and a simulated failed one. The referees: veritysetup for the written slot, bootctl for which entry boots,
 * cgpt for the GPT bits, mtools for the ESP.
 */
class DiskUpdateTest {

    @TempDir
    static Path shared;
    static TestBuild v1;
    static TestBuild v2;
    static Bootctl bootctl;

    @TempDir
    Path temp;

    @BeforeAll
    static void builds() throws Exception {
        v1 = TestBuild.make(shared.resolve("v1"), "1.0.0", 1, 8);
        v2 = TestBuild.make(shared.resolve("v2"), "2.0.0", 1, 8);
        bootctl = new Bootctl(shared.resolve("bootctl-esp"));
    }

    @AfterAll
    static void unmount() throws Exception {
        bootctl.close();
    }

    static JsonNode json(AgentRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    /** From a repository on the file system (a second disk, on a node) and served by a real nginx on 127.0.0.1. */
    @ParameterizedTest
    @ValueSource(strings = {"file", "nginx"})
    void updatesAToBAndConfirmsBAfterAGoodBoot(String served) throws Exception {
        Path disk = TestDisk.create(temp.resolve("disk.raw"), v1);
        Path repo = temp.resolve("repo");
        TestRepository.publish(repo, v1);
        TestRepository.publish(repo, v2);
        byte[] slotA = TestDisk.partition(disk, 3);
        Path state = temp.resolve("state");
        try (Nginx nginx = served.equals("nginx") ? Nginx.serve(repo) : null) {
            String url = nginx == null ? repo.toUri().toString() : nginx.baseUri().toString();
            updateAndConfirm(disk, url, state, slotA);
            if (nginx != null) {
                assertTrue(nginx.accessLog().stream().anyMatch(line -> line.contains("usr.frames") && line.contains(" 206 ")),
                        "the frames came by range requests: " + nginx.accessLog());
            }
        }
    }

    private void updateAndConfirm(Path disk, String url, Path state, byte[] slotA) throws Exception {
        AgentRun staged = AgentRun.update(disk, "A", url, state);
        assertEquals(0, staged.exit(), staged.toString());
        assertEquals("staged", json(staged).get("state").asText(), staged.toString());

        DiskChecks.verityVerifies(disk, 4, v2, temp);
        DiskChecks.assertSlotUnchanged(slotA, disk, 3);
        Map<String, byte[]> esp = Bootctl.espOf(disk, TestDisk.espOffset(), temp);
        assertEquals(List.of("slipway-b+3-0.conf", "slipway-a.conf"), bootctl.order(esp), "B boots next, on trial");
        assertArrayEquals(v2.kernel(), esp.get("slipway/b/vmlinuz"));
        assertArrayEquals(v2.initrd(), esp.get("slipway/b/initrd.img"));
        assertArrayEquals(v1.kernel(), esp.get("slipway/a/vmlinuz"));
        assertEquals("2/3/0", DiskChecks.cgpt(disk, 4));
        assertEquals("1/0/1", DiskChecks.cgpt(disk, 3));

        // systemd-boot counts a try, the boot reaches boot-complete.target, systemd-bless-boot blesses.
        DiskChecks.espRename(disk, "loader/entries/slipway-b+3-0.conf", "loader/entries/slipway-b+2-1.conf");
        DiskChecks.espRename(disk, "loader/entries/slipway-b+2-1.conf", "loader/entries/slipway-b.conf");
        AgentRun confirmed = AgentRun.update(disk, "B", url, state);
        assertEquals(0, confirmed.exit(), confirmed.toString());
        JsonNode status = json(confirmed);
        assertEquals("good", status.get("state").asText(), confirmed.toString());
        assertEquals("2.0.0", status.get("running").get("version").asText());
        assertEquals(1, status.get("counters").get("updates-applied").asInt());
        assertEquals("2/0/1", DiskChecks.cgpt(disk, 4));
        assertEquals("1/0/1", DiskChecks.cgpt(disk, 3), "A stays the good fallback");
        DiskChecks.assertSlotUnchanged(slotA, disk, 3);
        dev.slipway.agent.testing.Commands.fsckEsp(disk, temp);
    }

    @Test
    void aRollbackIsReportedAndNotRetriedUntilForgotten() throws Exception {
        Path disk = TestDisk.create(temp.resolve("disk.raw"), v1);
        Path repo = temp.resolve("repo");
        TestRepository.publish(repo, v2);
        Path state = temp.resolve("state");
        String url = repo.toUri().toString();
        assertEquals(0, AgentRun.update(disk, "A", url, state).exit());

        // Three failed boots: systemd-boot counted every try down, and went back to A.
        DiskChecks.espRename(disk, "loader/entries/slipway-b+3-0.conf", "loader/entries/slipway-b+0-3.conf");
        Path metrics = temp.resolve("slipway.prom");
        Path pool = temp.resolve(".kvp_pool_1");
        AgentRun back = AgentRun.update(disk, "A", url, state, "--metrics-textfile", metrics.toString(), "--kvp-pool",
                pool.toString());
        assertEquals(0, back.exit(), back.toString());
        JsonNode status = json(back);
        assertEquals("rolled-back", status.get("state").asText(), back.toString());
        assertEquals("2.0.0", status.get("rolled-back").get(0).asText());
        assertEquals(1, status.get("counters").get("rollbacks").asInt());
        assertTrue(status.get("message").asText().contains("not retried"), back.toString());
        // The metrics as Prometheus' own Python parser reads them, and the KVP records as a plain reader of
        // hv_kvp_daemon's pool format (512-byte key, 2048-byte value, zero-padded) finds them.
        String parsed = dev.slipway.agent.testing.Commands.run(List.of("/usr/bin/python3", "-c", """
                import sys
                from prometheus_client.parser import text_string_to_metric_families
                for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                    for sample in family.samples:
                        if sample.value == 1 or sample.name.endswith('_total'):
                            print(sample.name, dict(sample.labels), sample.value)
                """, metrics.toString()));
        assertTrue(parsed.contains("slipway_agent_rollbacks_total {} 1.0"), parsed);
        assertTrue(parsed.contains("slipway_agent_state {'state': 'rolled-back'} 1.0"), parsed);
        String kvp = dev.slipway.agent.testing.Commands.run(List.of("/usr/bin/python3", "-c", """
                import sys
                data = open(sys.argv[1], 'rb').read()
                for at in range(0, len(data), 2560):
                    key = data[at:at + 512].split(b'\\0')[0].decode()
                    value = data[at + 512:at + 2560].split(b'\\0')[0].decode()
                    print(key + '=' + value)
                """, pool.toString()));
        assertTrue(kvp.contains("SlipwayState=rolled-back"), kvp);
        assertTrue(kvp.contains("SlipwayRolledBack=2.0.0"), kvp);
        assertTrue(kvp.contains("SlipwayVersion=1.0.0"), kvp);

        String before = DiskChecks.sha256(disk);
        AgentRun again = AgentRun.update(disk, "A", url, state);
        assertEquals(0, again.exit(), again.toString());
        assertEquals("rolled-back", json(again).get("state").asText());
        assertEquals(before, DiskChecks.sha256(disk), "a version that rolled back is not written again");

        AgentRun forget = AgentRun.of("forget-rollback", "2.0.0", "--disk", disk.toString(), "--booted", "A",
                "--state", state.toString());
        assertEquals(0, forget.exit(), forget.toString());
        AgentRun retried = AgentRun.update(disk, "A", url, state);
        assertEquals("staged", json(retried).get("state").asText(), retried.toString());
        DiskChecks.verityVerifies(disk, 4, v2, temp);
    }

    @Test
    void theOperatorRollsBackToTheOtherGoodSlot() throws Exception {
        Path disk = TestDisk.create(temp.resolve("disk.raw"), v1);
        Path repo = temp.resolve("repo");
        TestRepository.publish(repo, v2);
        Path state = temp.resolve("state");
        String url = repo.toUri().toString();
        assertEquals(0, AgentRun.update(disk, "A", url, state).exit());
        DiskChecks.espRename(disk, "loader/entries/slipway-b+3-0.conf", "loader/entries/slipway-b.conf");
        assertEquals("good", json(AgentRun.update(disk, "B", url, state)).get("state").asText());

        AgentRun rollback = AgentRun.of("rollback", "--disk", disk.toString(), "--booted", "B", "--state",
                state.toString());
        assertEquals(0, rollback.exit(), rollback.toString());
        assertEquals(List.of("slipway-a.conf", "slipway-b+0-1.conf"),
                bootctl.order(Bootctl.espOf(disk, TestDisk.espOffset(), temp)), "A boots next, B is passed over");
        AgentRun status = AgentRun.of("status", "--json", "--disk", disk.toString(), "--booted", "A", "--state",
                state.toString());
        assertEquals("rolled-back", json(status).get("state").asText(), status.toString());
        assertEquals("2.0.0", json(status).get("rolled-back").get(0).asText());
        assertTrue(Files.exists(state.resolve("state.json")));
        AgentRun line = AgentRun.of("status", "--line", "--disk", disk.toString(), "--booted", "A", "--state",
                state.toString());
        assertTrue(line.out().strip().matches("slot=A version=1\\.0\\.0 state=rolled-back target=none next-boot=A"
                + " rolled-back=2\\.0\\.0 last-check=\\S+ message=\"[^\"\n]*\""), line.toString());
    }

    @Test
    void pauseAndPinHoldUpdatesBack() throws Exception {
        Path disk = TestDisk.create(temp.resolve("disk.raw"), v1);
        Path repo = temp.resolve("repo");
        TestRepository.publish(repo, v2);
        Path state = temp.resolve("state");
        String url = repo.toUri().toString();
        String[] where = {"--disk", disk.toString(), "--booted", "A", "--state", state.toString()};
        String before = DiskChecks.sha256(disk);

        assertEquals(0, AgentRun.of(concat("pause", where)).exit());
        AgentRun paused = AgentRun.update(disk, "A", url, state);
        assertTrue(json(paused).get("message").asText().contains("paused"), paused.toString());
        assertEquals(0, AgentRun.of(concat("resume", where)).exit());
        assertEquals(0, AgentRun.of(concat("pin", concat("1.5.0", where))).exit());
        AgentRun pinned = AgentRun.update(disk, "A", url, state);
        assertTrue(json(pinned).get("message").asText().contains("pinned to 1.5.0"), pinned.toString());
        assertEquals(before, DiskChecks.sha256(disk));

        assertEquals(0, AgentRun.of(concat("pin", concat("--clear", where))).exit());
        assertEquals("staged", json(AgentRun.update(disk, "A", url, state)).get("state").asText());
    }

    static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
