package dev.slipway.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slipway-agent.service, read by systemd's own tools: {@code systemd-analyze verify} finds nothing to say, and
 * {@code systemd-analyze security --offline} reads the hardening the unit means to have.
 */
class AgentUnitFileTest {

    static final String UNIT = "slipway-agent.service";

    @TempDir
    Path dir;

    static String unitText() throws Exception {
        try (InputStream in = AgentUnitFileTest.class.getResourceAsStream("/systemd/" + UNIT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> lines() throws Exception {
        return unitText().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * systemd-analyze verify checks that ExecStart's program exists and is executable, and /usr/bin/slipway-agent
     * is only on the image; the copy it reads names /bin/true instead. Nothing else differs.
     */
    private Path standIn() throws Exception {
        return Files.writeString(dir.resolve(UNIT), unitText().replace("/usr/bin/slipway-agent ", "/bin/true "));
    }

    @Test
    void runsTheAgentAfterTheBootIsBlessed() throws Exception {
        List<String> lines = lines();
        for (String expected : List.of("ExecStart=/usr/bin/slipway-agent run",
                "After=boot-complete.target systemd-bless-boot.service", "Restart=on-failure", "StateDirectory=slipway",
                "WantedBy=multi-user.target")) {
            assertTrue(lines.contains(expected), "missing " + expected + " in " + lines);
        }
        // The JIT maps memory writable, then executable: the JVM does not start with this set.
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("MemoryDenyWriteExecute=")), lines.toString());
    }

    @Test
    void systemdAnalyzeVerifyIsClean() throws Exception {
        Command.Result verify = Command.run("systemd-analyze", "verify", "--man=no", standIn().toString());
        assertEquals(0, verify.exitCode(), verify.err());
        assertEquals("", verify.err());
    }

    /** The same unit with the real ExecStart fails verify only because the program is missing here. */
    @Test
    void verifyNamesTheMissingProgramOnly() throws Exception {
        Path unit = Files.writeString(dir.resolve(UNIT), unitText());
        Command.Result verify = Command.run("systemd-analyze", "verify", "--man=no", unit.toString());
        assertEquals(List.of("slipway-agent.service: Command /usr/bin/slipway-agent is not executable: No such file "
                + "or directory"), verify.err().lines().toList(), verify.err());
    }

    /**
     * systemd's security report, offline, for the unit file: every protection the unit sets is read as set, the
     * JIT's writable-executable memory stays allowed, and the overall exposure stays at most 6.0 of 10 (MEDIUM;
     * the agent runs as root and writes a block device, so it cannot go far below).
     */
    @Test
    void systemdReadsTheHardening() throws Exception {
        Path unit = standIn();
        Command.Result report = Command.run("systemd-analyze", "security", "--offline=yes", "--no-pager",
                unit.toString());
        String out = report.out();
        for (String setting : List.of("ProtectSystem=", "ProtectHome=", "PrivateTmp=", "NoNewPrivileges=",
                "ProtectKernelTunables=", "ProtectKernelModules=", "LockPersonality=", "SystemCallArchitectures=",
                "RestrictAddressFamilies=~AF_PACKET")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith("\u2713 " + setting)), setting + " not set:\n" + out);
        }
        assertTrue(out.lines().anyMatch(l -> l.startsWith("\u2717 MemoryDenyWriteExecute=")), out);
        assertTrue(out.contains("strict read-only access to the OS file hierarchy"), out);
        Command.Result threshold = Command.run("systemd-analyze", "security", "--offline=yes", "--threshold=60",
                unit.toString());
        assertEquals(0, threshold.exitCode(), "exposure above 6.0:\n" + out);
    }
}
