package dev.slipway.agent.health;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@link HealthChecks} runs checks, apart from the checks themselves.
 *
 * @param systemctl    the systemctl program unit checks ask (a fake in tests, where systemd may not be PID 1)
 * @param pollInterval the pause between two attempts of a check
 * @param tryTimeout   how long one attempt of a unit or http check may take before it counts as a failure
 *                     (a command's attempt may take up to the check's deadline)
 */
public record HealthCheckOptions(Path systemctl, Duration pollInterval, Duration tryTimeout) {

    /** systemctl from /usr, an attempt every 2 s, 10 s per unit or http attempt. */
    public static HealthCheckOptions defaults() {
        return new HealthCheckOptions(Path.of("/usr/bin/systemctl"), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public HealthCheckOptions {
        if (pollInterval.isNegative() || tryTimeout.isNegative() || tryTimeout.isZero()) {
            throw new IllegalArgumentException("poll interval must not be negative and try timeout must be positive");
        }
    }

    public HealthCheckOptions withSystemctl(Path program) {
        return new HealthCheckOptions(program, pollInterval, tryTimeout);
    }

    public HealthCheckOptions withPollInterval(Duration interval) {
        return new HealthCheckOptions(systemctl, interval, tryTimeout);
    }
}
