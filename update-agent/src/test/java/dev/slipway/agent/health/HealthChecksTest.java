package dev.slipway.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.config.HealthCheckConfig;
import dev.slipway.agent.config.HealthCheckConfig.CommandCheck;
import dev.slipway.agent.health.HealthResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command checks with real processes, and several checks at once. */
class HealthChecksTest {

    static final HealthCheckOptions FAST = HealthCheckOptions.defaults().withPollInterval(Duration.ofMillis(200));

    @TempDir
    Path dir;

    static CommandCheck sh(String name, String script, Duration deadline) {
        return new CommandCheck(name, List.of("/bin/sh", "-c", script), deadline);
    }

    static HealthResult runOne(HealthCheckConfig check) throws InterruptedException {
        return HealthChecks.run(List.of(check), FAST).getFirst();
    }

    @Test
    void commandThatFailsThenPasses() throws Exception {
        Path ready = dir.resolve("ready");
        HealthResult result = runOne(sh("warming", "if [ -e " + ready + " ]; then exit 0; fi; touch " + ready
                + "; echo 'not ready yet'; exit 1", Duration.ofSeconds(10)));
        assertEquals(new HealthResult("warming", Outcome.PASSED, "", 2, result.elapsed()), result);
        assertTrue(result.summary().startsWith("health check warming: passed after "), result.summary());
    }

    /** At its deadline the command is killed, with the child it started. */
    @Test
    void commandThatHangsIsKilledAtItsDeadline() throws Exception {
        Path pid = dir.resolve("child.pid");
        long started = System.nanoTime();
        HealthResult result = runOne(sh("hangs", "echo starting; sleep 60 & echo $! > " + pid + "; wait",
                Duration.ofSeconds(2)));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(Outcome.TIMED_OUT, result.outcome());
        assertEquals(1, result.attempts());
        assertEquals("/bin/sh was still running at the deadline and was killed; it said: starting", result.reason());
        assertTrue(elapsedMillis >= 2000 && elapsedMillis < 30_000, elapsedMillis + " ms");
        long child = Long.parseLong(Files.readString(pid).strip());
        assertTrue(gone(child), "sleep " + child + " survived");
    }

    /** No such process, or a zombie (killed, waiting for whoever reaps orphans here). */
    static boolean gone(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        for (int i = 0; i < 50 && Files.exists(stat); i++) {
            String text = Files.readString(stat);
            if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
                return true;
            }
            Thread.sleep(20);
        }
        return Files.notExists(stat);
    }

    @Test
    void commandThatKeepsFailingGivesItsLastReason() throws Exception {
        HealthResult result = runOne(sh("broken", "echo 'containerd: connection refused' >&2; exit 3",
                Duration.ofSeconds(1)));
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("/bin/sh exited with 3; it said: containerd: connection refused", result.reason());
        assertTrue(result.attempts() >= 3, result.attempts() + " attempts");
        assertTrue(result.summary().startsWith("health check broken: failed at its deadline after "));
    }

    @Test
    void aProgramThatIsNotThereFails() throws Exception {
        HealthResult result = runOne(new CommandCheck("missing", List.of("/nonexistent/check"), Duration.ofSeconds(1)));
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.reason().startsWith("cannot start /nonexistent/check: "), result.reason());
    }

    /** Three checks of two seconds each end in about two seconds, not six, and come back in their order. */
    @Test
    void checksRunInParallel() throws Exception {
        long started = System.nanoTime();
        List<HealthResult> results = HealthChecks.run(List.of(
                sh("a", "sleep 30", Duration.ofSeconds(2)),
                sh("b", "exit 1", Duration.ofSeconds(2)),
                sh("c", "exit 0", Duration.ofSeconds(2))), FAST);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis < 5_900, "three 2 s checks in parallel took " + elapsedMillis + " ms; in turn they take 6 s");
        assertEquals(List.of("a", "b", "c"), results.stream().map(HealthResult::name).toList());
        assertEquals(List.of(Outcome.TIMED_OUT, Outcome.FAILED, Outcome.PASSED),
                results.stream().map(HealthResult::outcome).toList());
        assertFalse(HealthChecks.allPassed(results));
        assertTrue(HealthChecks.allPassed(List.of(results.get(2))));
        assertTrue(HealthChecks.allPassed(HealthChecks.run(List.of(), FAST)));
    }
}
