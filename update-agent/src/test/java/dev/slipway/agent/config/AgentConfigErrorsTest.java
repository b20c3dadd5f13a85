package dev.slipway.agent.config;

import static dev.slipway.agent.config.AgentConfigLoadTest.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of mistake: the error names the file, the line and the key, and says what is allowed. */
class AgentConfigErrorsTest {

    @TempDir
    Path dir;

    /** Loads {@code text}, expecting a refusal at {@code line} about {@code key}. */
    AgentConfigException fails(String text, int line, String key) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.toml"), text);
        AgentConfigException e = assertThrows(AgentConfigException.class, () -> AgentConfigs.load(file));
        assertEquals(file, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + (line > 0 ? ":" + line + ": " : ": ")), e.getMessage());
        return e;
    }

    @Test
    void syntaxErrorAtJacksonsLine() throws Exception {
        AgentConfigException e = fails(REQUIRED + "reboot = \n", 4, "");
        assertTrue(e.problem().startsWith("TOML syntax error: "), e.problem());
    }

    @Test
    void keyDefinedTwiceAtItsOwnLine() throws Exception {
        AgentConfigException e = fails(REQUIRED + "channel = \"beta\"\n\n\n\n", 4, "channel");
        assertEquals("TOML syntax error: 'channel' is defined twice (first on line 2)", e.problem());
    }

    @Test
    void unknownKeySuggestsTheNearest() throws Exception {
        AgentConfigException e = fails(REQUIRED + "\ncheck-intervall = \"2h\"\n", 5, "check-intervall");
        assertEquals(Optional.of("check-interval"), e.suggestion());
        assertTrue(e.getMessage().endsWith("; did you mean 'check-interval'?"), e.getMessage());
        assertTrue(e.problem().contains("agent.toml takes repository, channel, trust,"), e.problem());
    }

    @Test
    void unknownTableIsAnUnknownKey() throws Exception {
        AgentConfigException e = fails(REQUIRED + "[agent]\nchannel = \"x\"\n", 4, "agent");
        assertEquals(Optional.empty(), e.suggestion());
    }

    @Test
    void missingRequiredKeysAreListedTogether() throws Exception {
        AgentConfigException e = fails("trust = \"/etc/slipway/trust.pem\"\n", 0, "repository");
        assertTrue(e.problem().startsWith("missing required keys 'repository', 'channel':"), e.problem());
    }

    @Test
    void wrongTypes() throws Exception {
        assertEquals("wrong type for 'check-interval': expected a string, found an integer",
                fails(REQUIRED + "check-interval = 60\n", 4, "check-interval").problem());
        assertEquals("wrong type for 'allow-development-keys': expected true or false, found a string",
                fails(REQUIRED + "allow-development-keys = \"no\"\n", 4, "allow-development-keys").problem());
        assertEquals("wrong type for 'channel': expected a string, found a date or time",
                fails(REQUIRED.replace("\"stable\"", "2026-01-01"), 2, "channel").problem());
    }

    @Test
    void repositorySchemes() throws Exception {
        String ftp = REQUIRED.replace("https://updates.example.com/slipway", "ftp://updates.example.com/");
        assertTrue(fails(ftp, 1, "repository").problem().startsWith("invalid value \"ftp://updates.example.com/\" "
                + "for 'repository': must be an absolute http, https or file URI"));
        fails(REQUIRED.replace("https://updates.example.com/slipway", "updates.example.com"), 1, "repository");
        fails(REQUIRED.replace("https://updates.example.com/slipway", "https://a b"), 1, "repository");
    }

    @Test
    void channelAndPaths() throws Exception {
        assertTrue(fails(REQUIRED.replace("\"stable\"", "\"Stable\""), 2, "channel").problem()
                .contains("must be 1 to 64 of a-z, 0-9, '.', '_' and '-'"));
        fails(REQUIRED.replace("\"stable\"", "\"" + "a".repeat(65) + "\""), 2, "channel");
        assertEquals("invalid value \"trust.pem\" for 'trust': must be an absolute path to a PEM file of trusted "
                        + "root certificates, without '.' or '..'",
                fails(REQUIRED.replace("/etc/slipway/trust.pem", "trust.pem"), 3, "trust").problem());
        fails(REQUIRED + "esp = \"/efi/../boot\"\n", 4, "esp");
    }

    @Test
    void durationsSayWhatIsWrong() throws Exception {
        assertEquals("invalid value \"1h30m\" for 'check-interval': must be a duration (it combines units; write a "
                        + "whole number followed by s, m, h or d, such as \"90s\", \"10m\", \"1h\" or \"1d\")",
                fails(REQUIRED + "check-interval = \"1h30m\"\n", 4, "check-interval").problem());
        assertTrue(fails(REQUIRED + "check-jitter = \"5\"\n", 4, "check-jitter").problem().contains("it has no unit"));
    }

    @Test
    void scheduleLimits() throws Exception {
        assertEquals("invalid value \"30s\" for 'check-interval': must be at least \"1m\"",
                fails(REQUIRED + "check-interval = \"30s\"\n", 4, "check-interval").problem());
        assertEquals("invalid value \"2h\" for 'check-jitter': must be less than check-interval (\"2h\")",
                fails(REQUIRED + "check-interval = \"2h\"\ncheck-jitter = \"2h\"\n", 5, "check-jitter").problem());
        // The jitter is the default: the line to change is the interval's.
        assertEquals("check-jitter (default \"10m\") must be less than check-interval (\"5m\"): set check-jitter "
                + "lower", fails(REQUIRED + "check-interval = \"5m\"\n", 4, "check-interval").problem());
    }

    @Test
    void enumeratedValues() throws Exception {
        assertEquals("invalid value \"later\" for 'reboot': must be one of \"kured\", \"immediate\", \"manual\"",
                fails(REQUIRED + "reboot = \"later\"\n", 4, "reboot").problem());
        assertEquals("invalid value \"grub\" for 'boot-backend': must be one of \"systemd-boot\", \"gptprio\"",
                fails(REQUIRED + "boot-backend = \"grub\"\n", 4, "boot-backend").problem());
    }

    @Test
    void metricsOnLoopbackOnly() throws Exception {
        assertTrue(fails(REQUIRED + "metrics = \"0.0.0.0:9477\"\n", 4, "metrics").problem()
                .contains("must be a loopback address (127.0.0.0/8 or ::1)"));
        fails(REQUIRED + "metrics = \"10.1.2.3:9477\"\n", 4, "metrics");
        fails(REQUIRED + "metrics = \"metrics.example.com:9477\"\n", 4, "metrics");
        fails(REQUIRED + "metrics = \"127.0.0.1:70000\"\n", 4, "metrics");
        fails(REQUIRED + "metrics = \"127.0.0.1\"\n", 4, "metrics");
    }

    @Test
    void notUtf8AtTheLineOfTheBadByte() throws Exception {
        // Latin-1's "é", a lone 0xE9, in a comment on line 4.
        byte[] text = (REQUIRED + "# caf?\n").getBytes(StandardCharsets.US_ASCII);
        text[text.length - 2] = (byte) 0xE9;
        Path file = Files.write(dir.resolve("agent.toml"), text);
        AgentConfigException e = assertThrows(AgentConfigException.class, () -> AgentConfigs.load(file));
        assertEquals(4, e.line());
        assertTrue(e.problem().startsWith("not valid UTF-8"), e.problem());
    }

    @Test
    void emptyFileMissesEverything() throws Exception {
        assertTrue(fails("", 0, "repository").problem().startsWith("missing required keys 'repository', 'channel', "
                + "'trust'"));
    }
}
