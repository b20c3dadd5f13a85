package dev.slipway.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent.toml the image carries: it loads, is safe as shipped, and Python's tomllib reads it the same. */
class AgentConfigExampleTest {

    @TempDir
    Path dir;

    Path shipped() throws Exception {
        Path file = Files.createTempFile(dir, "agent", ".toml");
        Files.delete(file);
        try (InputStream in = AgentConfigExampleTest.class.getResourceAsStream("/agent.toml")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void loadsWithSafeSettings() throws Exception {
        AgentConfig config = AgentConfigs.load(shipped());
        assertEquals(RebootStrategy.KURED, config.reboot());
        assertFalse(config.allowDevelopmentKeys());
        // The placeholder can never reach a real server: .invalid does not resolve (RFC 6761).
        assertTrue(config.repository().getHost().endsWith(".invalid"), config.repository().toString());
        assertTrue(Files.readString(shipped()).contains("PLACEHOLDER"));
        // Every optional key is written out at its default.
        AgentConfig defaults = AgentConfig.defaults(config.repository(), config.channel(), config.trust());
        assertEquals(defaults, config);
    }

    /** Each commented-out example table, uncommented, loads too. */
    @Test
    void commentedExamplesLoad() throws Exception {
        String text = Files.readString(shipped()).replaceAll("(?m)^# (\\[\\[health]]|name|kind|url|command|deadline)",
                "$1");
        AgentConfig config = AgentConfigs.load(Files.writeString(dir.resolve("uncommented.toml"), text));
        assertEquals(2, config.health().size());
    }

    /** Python's TOML reader is the referee: the same keys and values, by a parser that is not Jackson. */
    @Test
    void pythonTomllibReadsTheSameValues() throws Exception {
        Path file = shipped();
        AgentConfig config = AgentConfigs.load(file);
        String script = "import tomllib,sys\nd=tomllib.load(open(sys.argv[1],'rb'))\n"
                + "print('\\n'.join(f'{k}={d[k]}' for k in sorted(d)))";
        String python = Command.run("python3", "-c", script, file.toString()).check().out();
        String expected = String.join("\n",
                "allow-development-keys=False",
                "boot-backend=" + config.bootBackend().key(),
                "channel=" + config.channel(),
                "check-interval=" + Durations.format(config.checkInterval()),
                "check-jitter=" + Durations.format(config.checkJitter()),
                "esp=" + config.esp(),
                "kvp-pool=" + config.kvpPool(),
                "metrics=127.0.0.1:" + config.metrics().orElseThrow().getPort(),
                "reboot=" + config.reboot().key(),
                "repository=" + config.repository(),
                "state-directory=" + config.stateDirectory(),
                "trust=" + config.trust()) + "\n";
        assertEquals(expected, python);
    }
}
