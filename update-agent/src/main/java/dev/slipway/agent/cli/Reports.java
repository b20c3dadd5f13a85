package dev.slipway.agent.cli;

import dev.slipway.agent.install.NodeIdentity;
import dev.slipway.agent.kvp.KvpReporter;
import dev.slipway.agent.kvp.KvpStatus;
import dev.slipway.agent.metrics.MetricsSnapshot;
import dev.slipway.agent.metrics.PrometheusText;
import dev.slipway.agent.state.AgentState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/** Where the agent's state goes besides status: Prometheus metrics and, on Hyper-V, the KVP pool. */
final class Reports {

    private Reports() {
    }

    static MetricsSnapshot snapshot(AgentState state, NodeIdentity node) {
        return new MetricsSnapshot(state.phase().label(), node == null ? "" : node.booted().name(),
                node == null ? "" : node.version(), state.lastCheck(), state.lastCheck(),
                state.counters().bytesDownloaded(), state.counters().updatesApplied(), state.counters().rollbacks(),
                state.counters().verificationFailures(), state.paused());
    }

    static KvpStatus kvp(AgentState state, NodeIdentity node) {
        return new KvpStatus(state.phase().label(), node.version(), node.booted().name(),
                state.target() == null ? null : state.target().version(), state.rolledBack(), Instant.now());
    }

    /** Writes the KVP records; a failure is logged, never fatal: reporting must not stop an update. */
    static void toKvp(KvpReporter reporter, AgentState state, NodeIdentity node) {
        try {
            reporter.report(kvp(state, node));
        } catch (IOException e) {
            AgentSubcommand.log("cannot write the Hyper-V KVP pool: " + e.getMessage());
        }
    }

    /** Writes the metrics for node_exporter's textfile collector: a temporary file renamed into place. */
    static void toTextfile(Path file, AgentState state, NodeIdentity node) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, PrometheusText.render(snapshot(state, node)), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            AgentSubcommand.log("cannot write the metrics file " + file + ": " + e.getMessage());
        }
    }
}
