package dev.slipway.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.config.AgentConfigs;
import dev.slipway.agent.config.HealthCheckConfig;
import dev.slipway.testing.Command;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slipway-agent-health.service, read by systemd's own tools: it is valid and its deadlines nest. */
class HealthUnitFileTest {

    static final String UNIT = "slipway-agent-health.service";

    @TempDir
    Path dir;

    static String unitText() throws Exception {
        try (InputStream in = HealthUnitFileTest.class.getResourceAsStream("/systemd/" + UNIT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Microseconds, as systemd parses a time span. */
    static long systemdMicros(String span) throws Exception {
        String out = Command.run("systemd-analyze", "timespan", span).check().out();
        return out.lines().filter(l -> l.strip().startsWith("\u03bcs:")).map(l -> Long.parseLong(l.strip().substring(4)
                .strip())).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    @Test
    void orderedBeforeAndRequiredByBootComplete() throws Exception {
        List<String> lines = lines(unitText());
        for (String expected : List.of("Before=boot-complete.target", "FailureAction=reboot", "Type=oneshot",
                "RemainAfterExit=yes", "ExecStart=/usr/bin/slipway-agent check-health",
                "RequiredBy=boot-complete.target")) {
            assertTrue(lines.contains(expected), "missing " + expected + " in " + lines);
        }
    }

    /**
     * systemd-analyze verify finds nothing to say. It checks that ExecStart's program exists, so the copy it reads
     * names a stand-in for /usr/bin/slipway-agent; nothing else differs.
     */
    @Test
    void systemdAnalyzeVerifyIsClean() throws Exception {
        Path program = dir.resolve("slipway-agent");
        Files.writeString(program, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = Files.writeString(dir.resolve(UNIT), unitText().replace("/usr/bin/slipway-agent", program.toString()));
        Command.Result verify = Command.run("systemd-analyze", "verify", "--man=no", unit.toString());
        assertEquals(0, verify.exitCode(), verify.err());
        assertEquals("", verify.err());
    }

    /**
     * The unit's condition runs the agent only when agent.toml has health checks: for each way of writing them (and
     * for files without), the condition's grep agrees with the agent's own parser on whether there are any.
     */
    @Test
    void theConditionSkipsTheUnitExactlyWhenAgentTomlHasNoChecks() throws Exception {
        String condition = lines(unitText()).stream().filter(l -> l.startsWith("ExecCondition="))
                .map(l -> l.substring("ExecCondition=".length())).findFirst().orElseThrow();
        String base = """
                repository = "file:///srv/repo/"
                channel = "stable"
                trust = "/etc/slipway/trust.pem"
                """;
        String check = "name = \"ok\"\nkind = \"command\"\ncommand = [\"/bin/true\"]\n";
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("none", base);
        variants.put("commented", base + "# [[health]]\n# name = \"x\"\n");
        variants.put("array of tables", base + "[[health]]\n" + check);
        variants.put("spaced header", base + "  [[ health ]]\n" + check);
        variants.put("quoted header", base + "[[\"health\"]]\n" + check);
        variants.put("inline array", base + "health = [ { name = \"ok\", kind = \"command\", command = [\"/bin/true\"] } ]\n");
        variants.put("empty inline array", base + "health = []\n");
        for (var variant : variants.entrySet()) {
            Path file = Files.writeString(dir.resolve("agent.toml"), variant.getValue());
            boolean runs = Command.run("sh", "-c", condition.replace("/etc/slipway/agent.toml", file.toString()))
                    .exitCode() == 0;
            boolean hasChecks = !AgentConfigs.load(file).health().isEmpty();
            if (variant.getKey().equals("empty inline array")) {
                assertTrue(runs && !hasChecks, "an empty list costs a start of the agent, which finds no check");
            } else {
                assertEquals(hasChecks, runs, variant.getKey() + ": " + variant.getValue());
            }
        }
    }

    /** The unit's timeout outlasts the longest check, and boot-complete.target's deadline outlasts the unit. */
    @Test
    void deadlinesNest() throws Exception {
        String timeout = lines(unitText()).stream().filter(l -> l.startsWith("TimeoutStartSec="))
                .map(l -> l.substring("TimeoutStartSec=".length())).findFirst().orElseThrow();
        long unitMicros = systemdMicros(timeout);
        long longestCheck = HealthCheckConfig.MAX_DEADLINE.toNanos() / 1000;
        assertTrue(unitMicros >= longestCheck + Duration.ofMinutes(1).toNanos() / 1000,
                "TimeoutStartSec=" + timeout + " leaves less than a minute past the longest deadline");
        Path bootComplete = Path.of(System.getProperty("slipway.repo"),
                "src/builder/src/main/resources/dev/slipway/build/boot/boot-complete.conf");
        String jobTimeout = lines(Files.readString(bootComplete)).stream().filter(l -> l.startsWith("JobTimeoutSec="))
                .map(l -> l.substring("JobTimeoutSec=".length())).findFirst().orElseThrow();
        assertTrue(systemdMicros(jobTimeout) > unitMicros, "boot-complete.target's JobTimeoutSec=" + jobTimeout
                + " ends before the unit's TimeoutStartSec=" + timeout);
    }
}
