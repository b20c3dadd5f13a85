package dev.slipway.agent.kvp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link KvpReporter} tells the host: the agent's status, in plain values so that this package does not
 * depend on the agent's state classes.
 *
 * @param state the agent's state name (idle, checking, downloading, verifying, staged, rebooting, confirming,
 *     good, rolled-back, failed)
 * @param version the version of the running /usr
 * @param slot the slot it runs from ({@code A} or {@code B})
 * @param targetVersion the version being fetched or staged, or empty when none
 * @param rolledBack versions that failed and were rolled back, oldest first; none may contain a comma
 * @param updated when this status was taken
 */
public record KvpStatus(String state, String version, String slot, String targetVersion, List<String> rolledBack,
        Instant updated) {

    /** Checks every field; {@code targetVersion} null becomes empty. */
    public KvpStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(slot, "slot");
        targetVersion = targetVersion == null ? "" : targetVersion;
        rolledBack = List.copyOf(rolledBack);
        Objects.requireNonNull(updated, "updated");
        for (String v : rolledBack) {
            if (v.isEmpty() || v.indexOf(',') >= 0) {
                throw new IllegalArgumentException("rolled-back version \"" + v
                        + "\" is empty or contains a comma, the separator of the SlipwayRolledBack record");
            }
        }
    }
}
