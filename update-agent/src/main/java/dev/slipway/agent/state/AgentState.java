package dev.slipway.agent.state;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything the agent remembers between runs; {@code state.json} holds exactly this. Changed only by
 * {@link dev.slipway.agent.machine.Transitions}, one event at a time, and persisted after each.
 *
 * @param target             the release in flight, or null when none
 * @param channelVersionSeen the highest channel metadata version accepted: a lower one is a replay
 * @param rolledBack         versions that failed to boot and are never installed again until forgotten
 * @param paused             the operator paused updates ({@code slipway-agent pause})
 * @param pin                the only version the operator allows, or null
 * @param lastCheck          when the last check started (epoch seconds, 0 = never)
 * @param lastMessage        what the last check or step concluded, in words
 * @param counters           totals for the metrics
 */
public record AgentState(Phase phase, Target target, long channelVersionSeen, List<String> rolledBack, boolean paused,
                         String pin, long lastCheck, String lastMessage, Counters counters) {

    public static final AgentState INITIAL = new AgentState(Phase.IDLE, null, 0, List.of(), false, null, 0,
            "no check yet", Counters.ZERO);

    public AgentState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(lastMessage, "lastMessage");
        Objects.requireNonNull(counters, "counters");
        rolledBack = List.copyOf(new TreeSet<>(rolledBack));
        if (phase.installing() && target == null) {
            throw new IllegalArgumentException("phase " + phase.label() + " needs a target");
        }
    }

    /** Totals since the state was created. */
    public record Counters(long bytesDownloaded, long updatesApplied, long rollbacks, long verificationFailures) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0);

        public Counters plusBytes(long bytes) {
            return new Counters(bytesDownloaded + bytes, updatesApplied, rollbacks, verificationFailures);
        }

        public Counters plusUpdate() {
            return new Counters(bytesDownloaded, updatesApplied + 1, rollbacks, verificationFailures);
        }

        public Counters plusRollback() {
            return new Counters(bytesDownloaded, updatesApplied, rollbacks + 1, verificationFailures);
        }

        public Counters plusVerificationFailure() {
            return new Counters(bytesDownloaded, updatesApplied, rollbacks, verificationFailures + 1);
        }
    }

    public AgentState with(Phase newPhase, Target newTarget, String message) {
        return new AgentState(newPhase, newTarget, channelVersionSeen, rolledBack, paused, pin, lastCheck, message,
                counters);
    }

    public AgentState withCounters(Counters newCounters) {
        return new AgentState(phase, target, channelVersionSeen, rolledBack, paused, pin, lastCheck, lastMessage,
                newCounters);
    }

    public AgentState withChannelVersionSeen(long version) {
        return new AgentState(phase, target, Math.max(channelVersionSeen, version), rolledBack, paused, pin, lastCheck,
                lastMessage, counters);
    }

    public AgentState withRolledBack(List<String> versions) {
        return new AgentState(phase, target, channelVersionSeen, versions, paused, pin, lastCheck, lastMessage,
                counters);
    }

    public AgentState withOperator(boolean newPaused, String newPin) {
        return new AgentState(phase, target, channelVersionSeen, rolledBack, newPaused, newPin, lastCheck, lastMessage,
                counters);
    }

    public AgentState withLastCheck(long epochSeconds) {
        return new AgentState(phase, target, channelVersionSeen, rolledBack, paused, pin, epochSeconds, lastMessage,
                counters);
    }
}
