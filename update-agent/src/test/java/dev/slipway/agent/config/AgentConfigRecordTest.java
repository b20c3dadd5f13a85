package dev.slipway.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.agent.config.HealthCheckConfig.CommandCheck;
import dev.slipway.agent.config.HealthCheckConfig.HttpCheck;
import dev.slipway.agent.config.HealthCheckConfig.UnitCheck;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configurations built in code follow the file's rules, and name the key they break. */
class AgentConfigRecordTest {

    static final URI REPO = URI.create("https://updates.example.com/");
    static final Path TRUST = Path.of("/etc/slipway/trust.pem");

    static String refusedKey(Runnable build) {
        return assertThrows(InvalidSettingException.class, build::run).key();
    }

    @Test
    void builderRefusesWhatTheFileWould() {
        var base = AgentConfig.builder(REPO, "stable", TRUST);
        assertEquals("repository", refusedKey(() -> AgentConfig.defaults(URI.create("ftp://x/"), "stable", TRUST)));
        assertEquals("channel", refusedKey(() -> AgentConfig.defaults(REPO, "-stable", TRUST)));
        assertEquals("trust", refusedKey(() -> AgentConfig.defaults(REPO, "stable", Path.of("trust.pem"))));
        assertEquals("check-interval", refusedKey(() -> base.checkInterval(Duration.ofSeconds(59)).build()));
        assertEquals("check-jitter", refusedKey(() -> AgentConfig.builder(REPO, "stable", TRUST)
                .checkJitter(Duration.ofHours(1)).build()));
        assertEquals("metrics", refusedKey(() -> AgentConfig.builder(REPO, "stable", TRUST)
                .metrics(Optional.of(new InetSocketAddress("0.0.0.0", 9477))).build()));
        assertEquals("metrics", refusedKey(() -> AgentConfig.builder(REPO, "stable", TRUST)
                .metrics(Optional.of(InetSocketAddress.createUnresolved("localhost", 9477))).build()));
    }

    @Test
    void healthRecordsCheckTheirFields() {
        Duration fiveMinutes = HealthCheckConfig.DEFAULT_DEADLINE;
        assertEquals("name", refusedKey(() -> new UnitCheck("A", "a.service", fiveMinutes)));
        assertEquals("unit", refusedKey(() -> new UnitCheck("a", "a", fiveMinutes)));
        assertEquals("url", refusedKey(() -> new HttpCheck("a", URI.create("http://192.0.2.1/"), fiveMinutes)));
        assertEquals("command", refusedKey(() -> new CommandCheck("a", List.of("bin/x"), fiveMinutes)));
        assertEquals("deadline", refusedKey(() -> new UnitCheck("a", "a.service", Duration.ofMillis(500))));
        assertEquals("deadline", refusedKey(() -> new UnitCheck("a", "a.service", Duration.ofMinutes(11))));
        assertEquals("name", refusedKey(() -> AgentConfig.builder(REPO, "stable", TRUST).health(List.of(
                new UnitCheck("a", "a.service", fiveMinutes), new UnitCheck("a", "b.service", fiveMinutes))).build()));
    }

    @Test
    void listsAreCopied() {
        List<String> argv = new ArrayList<>(List.of("/bin/true"));
        CommandCheck check = new CommandCheck("t", argv, Duration.ofSeconds(5));
        argv.add("extra");
        assertEquals(List.of("/bin/true"), check.command());
        assertThrows(UnsupportedOperationException.class, () -> check.command().add("x"));
    }
}
