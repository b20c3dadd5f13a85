package dev.slipway.agent.health;

import dev.slipway.agent.config.HealthCheckConfig;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the operator's health checks from agent.toml, all at once, each until it passes or its deadline passes:
 * the logic of {@code slipway-agent check-health}, which slipway-agent-health.service runs before
 * boot-complete.target (docs/boot.md). Kinds: unit ({@code systemctl is-active --quiet UNIT}), http (a GET of a
 * loopback URL answered 2xx) and command (exit 0 within the deadline; killed, with what it started, at it).
 */
public final class HealthChecks {

    private HealthChecks() {
    }

    /** As {@link #run(List, HealthCheckOptions)} with {@link HealthCheckOptions#defaults()}. */
    public static List<HealthResult> run(List<HealthCheckConfig> checks) throws InterruptedException {
        return run(checks, HealthCheckOptions.defaults());
    }

    /**
     * Runs {@code checks} in parallel and returns when every one has ended, which is at the latest its deadline
     * (plus the moment it takes to stop a command).
     *
     * @return one result per check, in the order of {@code checks}
     */
    public static List<HealthResult> run(List<HealthCheckConfig> checks, HealthCheckOptions options)
            throws InterruptedException {
        try (HttpClient http = HttpProbe.client(options.tryTimeout());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HealthResult>> running = new ArrayList<>();
            for (HealthCheckConfig check : checks) {
                Probe probe = probe(check, options, http);
                running.add(threads.submit(() -> runOne(check, probe, options.pollInterval())));
            }
            List<HealthResult> results = new ArrayList<>();
            for (Future<HealthResult> result : running) {
                results.add(result.get());
            }
            return List.copyOf(results);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a health check failed unexpectedly", e.getCause());
        }
    }

    /** True when every result passed: what makes the boot good. */
    public static boolean allPassed(List<HealthResult> results) {
        return results.stream().allMatch(HealthResult::passed);
    }

    private static Probe probe(HealthCheckConfig check, HealthCheckOptions options, HttpClient http) {
        return switch (check) {
            case HealthCheckConfig.UnitCheck unit -> new UnitProbe(options.systemctl(), unit.unit(),
                    options.tryTimeout());
            case HealthCheckConfig.HttpCheck get -> new HttpProbe(http, get.url(), options.tryTimeout());
            case HealthCheckConfig.CommandCheck command -> new CommandProbe(command.command());
        };
    }

    /** Tries until a pass, a try cut short by the deadline, or no time left for another try. */
    static HealthResult runOne(HealthCheckConfig check, Probe probe, Duration pollInterval)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + check.deadline().toNanos();
        int attempts = 0;
        while (true) {
            Attempt attempt = probe.attempt(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            attempts++;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (attempt.passed()) {
                return new HealthResult(check.name(), HealthResult.Outcome.PASSED, "", attempts, elapsed);
            }
            if (attempt.cutShort()) {
                return new HealthResult(check.name(), HealthResult.Outcome.TIMED_OUT, attempt.reason(), attempts,
                        elapsed);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new HealthResult(check.name(), HealthResult.Outcome.FAILED, attempt.reason(), attempts,
                        elapsed);
            }
            Thread.sleep(Duration.ofNanos(Math.min(left, pollInterval.toNanos())));
            if (deadline - System.nanoTime() <= 0) {
                return new HealthResult(check.name(), HealthResult.Outcome.FAILED, attempt.reason(), attempts,
                        Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }
}
