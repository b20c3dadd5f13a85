package dev.slipway.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One operator health check from agent.toml's {@code [[health]]} tables: the boot is good only when each passes
 * before its deadline (see {@code dev.slipway.agent.health.HealthChecks}). The records check their values as
 * agent.toml's loader does.
 */
public sealed interface HealthCheckConfig {

    /** A deadline when agent.toml gives none. */
    Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

    /**
     * The longest deadline: slipway-agent-health.service's TimeoutStartSec (12 min) and boot-complete.target's
     * JobTimeoutSec (15 min) must end after every check has.
     */
    Duration MAX_DEADLINE = Duration.ofMinutes(10);

    /** Unique among the checks: 1 to 64 of a-z, 0-9, '_' and '-'. */
    String name();

    /** How long the check may take to pass, from when it starts: 1 s to 10 min. */
    Duration deadline();

    /** The {@code kind} agent.toml writes: "unit", "http" or "command". */
    String kind();

    /** Passes when systemd reports {@code unit} active ({@code systemctl is-active}). */
    record UnitCheck(String name, String unit, Duration deadline) implements HealthCheckConfig {
        public UnitCheck {
            ConfigRules.checkCheckName(name);
            ConfigRules.checkUnit(unit);
            ConfigRules.checkDeadline(deadline);
        }

        @Override
        public String kind() {
            return "unit";
        }
    }

    /** Passes when a GET of {@code url} (plain http, a loopback host) answers with a 2xx status. */
    record HttpCheck(String name, URI url, Duration deadline) implements HealthCheckConfig {
        public HttpCheck {
            ConfigRules.checkCheckName(name);
            ConfigRules.checkHttpUrl(url);
            ConfigRules.checkDeadline(deadline);
        }

        @Override
        public String kind() {
            return "http";
        }
    }

    /** Passes when {@code command} (argv, the program by absolute path, no shell) exits with 0. */
    record CommandCheck(String name, List<String> command, Duration deadline) implements HealthCheckConfig {
        public CommandCheck {
            ConfigRules.checkCheckName(name);
            command = List.copyOf(command);
            ConfigRules.checkCommand(command);
            ConfigRules.checkDeadline(deadline);
        }

        @Override
        public String kind() {
            return "command";
        }
    }
}
