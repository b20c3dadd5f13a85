package dev.slipway.agent.cli;

import dev.slipway.agent.config.AgentConfig;
import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.disk.InstanceLockedException;
import dev.slipway.agent.fetch.RepositoryClient;
import dev.slipway.agent.install.Rebooter;
import dev.slipway.agent.install.UpdateCycle;
import dev.slipway.agent.kvp.HyperVDetection;
import dev.slipway.agent.kvp.HyperVDetector;
import dev.slipway.agent.kvp.KvpPool;
import dev.slipway.agent.kvp.KvpReporter;
import dev.slipway.agent.metrics.MetricsServer;
import dev.slipway.agent.metrics.MetricsSnapshot;
import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.Phase;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway-agent run}: the node's service. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs as the node's service (slipway-agent.service): an update cycle now, then every"
                + " check-interval plus a random part of check-jitter. Serves metrics on 127.0.0.1 and, on Hyper-V,"
                + " writes the update state into the guest's KVP pool.",
                "Holds the instance lock only during a cycle, so the operator's commands run between cycles."})
final class RunCommand extends AgentSubcommand {

    /** How often to look again while a boot is being confirmed: the blessing comes within minutes. */
    static final Duration CONFIRMING_POLL = Duration.ofSeconds(30);
    /** How soon a check that could not reach the repository is tried again. */
    static final Duration UNREACHABLE_RETRY = Duration.ofMinutes(1);

    @Mixin
    Where where;

    @Override
    int execute() throws IOException, AgentConfigException, TrustMaterialException {
        if (where.diskMode()) {
            throw new IllegalArgumentException("run works on the running system; use update --disk for an image file");
        }
        AgentConfig config = where.config();
        HyperVDetection hyperV = new HyperVDetector().detect();
        log(hyperV.reason());
        KvpReporter kvp = hyperV.hyperV() ? new KvpReporter(new KvpPool(config.kvpPool(), false)) : null;
        AtomicReference<MetricsSnapshot> snapshot = new AtomicReference<>(Reports.snapshot(AgentState.INITIAL, null));
        MetricsServer metrics = config.metrics().isPresent()
                ? MetricsServer.start(config.metrics().get(), snapshot::get) : null;
        try {
            while (true) {
                AgentState state = cycle(config, snapshot, kvp);
                // The serial collector gives heap back to the system only after a full collection, and an
                // install leaves the heap at its peak: between checks (an hour) the agent keeps what it needs.
                System.gc();
                sleep(next(state, config));
            }
        } finally {
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    private AgentState cycle(AgentConfig config, AtomicReference<MetricsSnapshot> snapshot, KvpReporter kvp)
            throws IOException, AgentConfigException, TrustMaterialException {
        try (NodeSetup setup = where.open("slipway-agent run");
             RepositoryClient client = Cycles.client(config.repository())) {
            AgentState state;
            try {
                state = Cycles.create(setup, client, config.channel(), Cycles.trust(config.trust(),
                        config.allowDevelopmentKeys()), config.allowDevelopmentKeys(), rebooter(config),
                        AgentSubcommand::log).run();
            } catch (IOException e) {
                state = setup.store().current();
            }
            snapshot.set(Reports.snapshot(state, setup.node()));
            // One line per cycle in the journal (and on a console, where a unit sends its output there): what
            // `status --line` would answer, without a second JVM to ask.
            log("status: " + new StatusReport(state, setup.node(), setup.selection().read()).toLine());
            if (kvp != null) {
                Reports.toKvp(kvp, state, setup.node());
            }
            return state;
        } catch (InstanceLockedException e) {
            log(e.getMessage());
            return AgentState.INITIAL;
        }
    }

    static Rebooter rebooter(AgentConfig config) {
        return switch (config.reboot()) {
            case KURED -> new Rebooter.Kured(Rebooter.Kured.SENTINEL);
            case IMMEDIATE -> new Rebooter.Immediate(Rebooter.Immediate.SYSTEMCTL_REBOOT);
            case MANUAL -> new Rebooter.Manual();
        };
    }

    /**
     * When to look again: soon while a boot is being confirmed, and after a check or a download that could not
     * reach the repository (the network may come up after the agent starts, which does not wait for it, or come
     * back after a break); else after the interval.
     */
    static Duration next(AgentState state, AgentConfig config) {
        if (state.phase() == Phase.CONFIRMING) {
            return CONFIRMING_POLL;
        }
        boolean interrupted = state.phase() == Phase.DOWNLOADING || state.phase() == Phase.VERIFYING;
        if ((interrupted || state.lastMessage().startsWith(UpdateCycle.UNREACHABLE))
                && config.checkInterval().compareTo(UNREACHABLE_RETRY) > 0) {
            return UNREACHABLE_RETRY;
        }
        return delay(config);
    }

    private static Duration delay(AgentConfig config) {
        long jitter = config.checkJitter().toMillis();
        return config.checkInterval().plusMillis(jitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
