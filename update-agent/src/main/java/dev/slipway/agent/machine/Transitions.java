package dev.slipway.agent.machine;

import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.Phase;
import dev.slipway.agent.state.Target;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The agent's state machine: a pure function from a state and an event to the next state. Nothing here
 * touches a disk or a network; the installer does the work, then applies the event and commits the result,
 * so every persisted state is one this function produced.
 */
public final class Transitions {

    private static final Set<Phase> RESTING = EnumSet.of(Phase.IDLE, Phase.GOOD, Phase.ROLLED_BACK, Phase.FAILED);

    private Transitions() {
    }

    public static AgentState apply(AgentState state, Event event) {
        Phase phase = state.phase();
        return switch (event) {
            case Event.CheckStarted e -> {
                require(state, e, RESTING);
                yield state.with(Phase.CHECKING, null, "checking the channel").withLastCheck(e.epochSeconds());
            }
            case Event.CheckConcluded e -> {
                require(state, e, EnumSet.of(Phase.CHECKING));
                if (!RESTING.contains(e.resting())) {
                    throw new IllegalTransitionException("a check cannot conclude in phase " + e.resting().label());
                }
                yield state.with(e.resting(), null, e.message()).withChannelVersionSeen(e.channelVersion());
            }
            case Event.Refused e -> {
                require(state, e, EnumSet.of(Phase.CHECKING));
                AgentState next = state.with(Phase.FAILED, null, e.message()).withChannelVersionSeen(e.channelVersion());
                yield e.verificationFailure() ? next.withCounters(next.counters().plusVerificationFailure()) : next;
            }
            case Event.TargetChosen e -> {
                require(state, e, EnumSet.of(Phase.CHECKING));
                if (e.target().framesDone() != 0) {
                    throw new IllegalTransitionException("a new target starts with no frames written");
                }
                yield state.with(Phase.DOWNLOADING, e.target(), "downloading " + e.target().version() + " into slot "
                        + e.target().slot()).withChannelVersionSeen(e.channelVersion());
            }
            case Event.FramesWritten e -> {
                require(state, e, EnumSet.of(Phase.DOWNLOADING));
                if (e.framesDone() < state.target().framesDone() || e.bytes() < 0) {
                    throw new IllegalTransitionException("frames written cannot go back from "
                            + state.target().framesDone() + " to " + e.framesDone());
                }
                yield state.with(Phase.DOWNLOADING, state.target().withFramesDone(e.framesDone()), state.lastMessage())
                        .withCounters(state.counters().plusBytes(e.bytes()));
            }
            case Event.DownloadComplete e -> {
                require(state, e, EnumSet.of(Phase.DOWNLOADING));
                yield state.with(Phase.VERIFYING, state.target(), "verifying slot " + state.target().slot());
            }
            case Event.Staged e -> {
                require(state, e, EnumSet.of(Phase.VERIFYING));
                yield state.with(Phase.STAGED, state.target(), e.message());
            }
            case Event.RebootRequested e -> {
                require(state, e, EnumSet.of(Phase.STAGED));
                yield state.with(Phase.REBOOTING, state.target(), e.how());
            }
            case Event.BootedTarget e -> {
                // VERIFYING too: the switch is the last step before STAGED is committed, so a power cut between
                // them boots the new slot with the state still saying verifying.
                require(state, e, EnumSet.of(Phase.VERIFYING, Phase.STAGED, Phase.REBOOTING));
                Target target = state.target();
                yield state.with(Phase.CONFIRMING, target, "booted " + target.version() + " on slot " + target.slot()
                        + "; waiting for boot-complete.target");
            }
            case Event.Confirmed e -> {
                require(state, e, EnumSet.of(Phase.CONFIRMING));
                yield state.with(Phase.GOOD, null, e.message()).withCounters(state.counters().plusUpdate());
            }
            case Event.RollbackDetected e -> {
                require(state, e, EnumSet.of(Phase.STAGED, Phase.REBOOTING, Phase.CONFIRMING));
                yield state.with(Phase.ROLLED_BACK, null, e.message())
                        .withRolledBack(plus(state.rolledBack(), state.target().version()))
                        .withCounters(state.counters().plusRollback());
            }
            case Event.InstallFailed e -> {
                require(state, e, EnumSet.of(Phase.DOWNLOADING, Phase.VERIFYING, Phase.STAGED, Phase.REBOOTING));
                AgentState next = state.with(Phase.FAILED, null, e.message());
                yield e.verificationFailure() ? next.withCounters(next.counters().plusVerificationFailure()) : next;
            }
            case Event.PauseChanged e -> state.withOperator(e.paused(), state.pin());
            case Event.Pinned e -> state.withOperator(state.paused(), e.version());
            case Event.RollbackForgotten e -> {
                List<String> versions = new ArrayList<>(state.rolledBack());
                versions.remove(e.version());
                yield state.withRolledBack(versions);
            }
            case Event.OperatorRolledBack e -> {
                require(state, e, RESTING);
                yield state.with(Phase.ROLLED_BACK, null, e.message())
                        .withRolledBack(plus(state.rolledBack(), e.version()))
                        .withCounters(state.counters().plusRollback());
            }
        };
    }

    private static void require(AgentState state, Event event, Set<Phase> allowed) {
        if (!allowed.contains(state.phase())) {
            throw new IllegalTransitionException(event.getClass().getSimpleName() + " cannot happen in phase "
                    + state.phase().label() + " (only in " + allowed.stream().map(Phase::label).toList() + ")");
        }
    }

    private static List<String> plus(List<String> versions, String version) {
        List<String> all = new ArrayList<>(versions);
        all.add(version);
        return all;
    }
}
