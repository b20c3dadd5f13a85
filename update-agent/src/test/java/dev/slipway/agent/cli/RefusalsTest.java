package dev.slipway.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.agent.testing.AgentRun;
import dev.slipway.agent.testing.Commands;
import dev.slipway.agent.testing.DiskChecks;
import dev.slipway.agent.testing.TestBuild;
import dev.slipway.agent.testing.TestDisk;
import dev.slipway.agent.testing.TestRepository;
import dev.slipway.repository.RepositoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal before the download: the agent says why, exits 1 (or 0 when there is simply nothing for it), and
 * the disk image is byte for byte what it was.
 */
class RefusalsTest {

    @TempDir
    static Path shared;
    static TestBuild v1;
    static TestBuild v2;

    @TempDir
    Path temp;

    @BeforeAll
    static void builds() throws Exception {
        v1 = TestBuild.make(shared.resolve("v1"), "1.0.0", 1, 4);
        v2 = TestBuild.make(shared.resolve("v2"), "2.0.0", 1, 4);
    }

    /** Runs the agent on a disk holding {@code running} and checks that it refused and changed nothing. */
    private JsonNode refused(TestBuild running, Path repo, String expected, String... extra) throws Exception {
        Path disk = TestDisk.create(temp.resolve("disk-" + System.nanoTime() + ".raw"), running);
        String before = DiskChecks.sha256(disk);
        AgentRun run = extra.length == 0
                ? AgentRun.update(disk, "A", repo.toUri().toString(), temp.resolve("state-" + System.nanoTime()))
                : AgentRun.of(extra(disk, repo, extra));
        assertEquals(1, run.exit(), run.toString());
        JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertEquals("failed", status.get("state").asText(), run.toString());
        assertTrue(status.get("message").asText().contains(expected), "\"" + expected + "\" not in " + run);
        assertEquals(before, DiskChecks.sha256(disk), "the disk changed");
        return status;
    }

    private String[] extra(Path disk, Path repo, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("update", "--disk", disk.toString(), "--booted", "A",
                "--repo", repo.toUri().toString(), "--channel", TestRepository.CHANNEL, "--state",
                temp.resolve("state-" + System.nanoTime()).toString(), "--json"));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    @Test
    void aTamperedChannelSignature() throws Exception {
        Path repo = temp.resolve("repo");
        TestRepository.publish(repo, v2);
        Path signature = repo.resolve(RepositoryLayout.channelSignature(TestRepository.CHANNEL));
        byte[] bytes = Files.readAllBytes(signature);
        bytes[bytes.length - 10] ^= 1;
        Files.write(signature, bytes);
        JsonNode status = refused(v1, repo, "channel stable refused");
        assertEquals(1, status.get("counters").get("verification-failures").asInt());
    }

    @Test
    void anUntrustedKey() throws Exception {
        Path repo = temp.resolve("repo");
        TestRepository.publish(repo, v2);
        Path other = temp.resolve("other-root.pem");
        Commands.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=Another team",
                "-keyout", temp.resolve("other.key").toString(), "-out", other.toString(), "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
        refused(v1, repo, "channel stable refused", "--trust", other.toString());
        refused(v1, repo, "development key", "--trust", TestRepository.developmentRoot().toString());
    }

    @Test
    void anExpiredChannel() throws Exception {
        Path repo = temp.resolve("repo");
        Clock lastMonth = Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC);
        TestRepository.publish(repo, v2, lastMonth, Duration.ofDays(7), null);
        refused(v1, repo, "expired");
    }

    @Test
    void anOlderChannelReplayed() throws Exception {
        Path repo = temp.resolve("repo");
        TestRepository.publish(repo, v1);
        Path json = repo.resolve(RepositoryLayout.channel(TestRepository.CHANNEL));
        Path p7s = repo.resolve(RepositoryLayout.channelSignature(TestRepository.CHANNEL));
        byte[] oldJson = Files.readAllBytes(json);
        byte[] oldSignature = Files.readAllBytes(p7s);
        TestRepository.publish(repo, v2);
        Path disk = TestDisk.create(temp.resolve("disk.raw"), v2);
        Path state = temp.resolve("state");
        AgentRun upToDate = AgentRun.update(disk, "A", repo.toUri().toString(), state);
        assertEquals(0, upToDate.exit(), upToDate.toString());
        assertTrue(upToDate.out().contains("up to date"), upToDate.toString());
        Files.write(json, oldJson);
        Files.write(p7s, oldSignature);
        String before = DiskChecks.sha256(disk);
        AgentRun replayed = AgentRun.update(disk, "A", repo.toUri().toString(), state);
        assertEquals(1, replayed.exit(), replayed.toString());
        assertTrue(replayed.out().contains("older than version 2"), replayed.toString());
        assertEquals(before, DiskChecks.sha256(disk));
    }

    @Test
    void aDowngrade() throws Exception {
        Path repo = temp.resolve("repo");
        TestRepository.publish(repo, v1);
        refused(v2, repo, "downgrades are refused");
    }

    @Test
    void anotherMachinesImage() throws Exception {
        Path repo = temp.resolve("repo");
        TestBuild other = TestBuild.make(temp.resolve("other"), "3.0.0", 1, 4, "slipway/other-node/aarch64");
        TestRepository.publish(repo, other);
        refused(v1, repo, "wrong channel for this image");
    }

    @Test
    void aLowerSecurityVersion() throws Exception {
        Path repo = temp.resolve("repo");
        TestBuild older = TestBuild.make(temp.resolve("v3"), "3.0.0", 0, 4);
        TestRepository.publish(repo, older);
        refused(v1, repo, "security version 0, below 1");
    }

    @Test
    void aPayloadLargerThanTheSlot() throws Exception {
        Path repo = temp.resolve("repo");
        TestBuild large = TestBuild.make(temp.resolve("large"), "3.0.0", 1, 13);
        TestRepository.publish(repo, large);
        refused(v1, repo, "does not fit");
    }
}
