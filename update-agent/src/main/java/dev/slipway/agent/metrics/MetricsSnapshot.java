package dev.slipway.agent.metrics;

import java.util.List;
import java.util.Objects;

/**
 * What the agent's metrics show at one moment. Times are Unix seconds, 0 for "never"; counts are totals
 * kept by the agent.
 *
 * @param state the agent's state, one of {@link #STATES} (another name is shown too, beside them)
 * @param slot the slot the running /usr comes from, {@code A} or {@code B}
 * @param version the running version
 * @param lastCheckEpochSeconds when the agent last asked the repository for updates
 * @param lastSuccessEpochSeconds when such a check last succeeded
 * @param bytesDownloaded payload bytes downloaded
 * @param updatesApplied updates staged and confirmed good
 * @param rollbacks updates that failed on boot and were rolled back
 * @param verificationFailures downloads refused because a signature, digest or verity check failed
 * @param paused whether updates are paused by the operator
 */
public record MetricsSnapshot(String state, String slot, String version, long lastCheckEpochSeconds,
        long lastSuccessEpochSeconds, long bytesDownloaded, long updatesApplied, long rollbacks,
        long verificationFailures, boolean paused) {

    /** The states {@code slipway_agent_state} always lists, in its order. */
    public static final List<String> STATES = List.of("idle", "checking", "downloading", "verifying", "staged",
            "rebooting", "confirming", "good", "rolled-back", "failed");

    /** Refuses nulls and negative times or counts. */
    public MetricsSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(version, "version");
        long[] numbers = {lastCheckEpochSeconds, lastSuccessEpochSeconds, bytesDownloaded, updatesApplied, rollbacks,
            verificationFailures};
        for (long n : numbers) {
            if (n < 0) {
                throw new IllegalArgumentException("metrics times and counts are never negative: " + n);
            }
        }
    }
}
