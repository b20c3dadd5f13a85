package dev.slipway.agent.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.AgentStateJson;
import dev.slipway.agent.state.Phase;
import dev.slipway.agent.state.Slot;
import dev.slipway.agent.state.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionsTest {

    private static final Target TARGET = new Target("2.0", 1, Slot.B, "images/x/2.0", "a".repeat(64), "b".repeat(64), 0);

    private static AgentState run(AgentState state, Event... events) {
        for (Event event : events) {
            state = Transitions.apply(state, event);
            // Every state the machine produces survives the state file unchanged.
            assertEquals(state, AgentStateJson.read(AgentStateJson.write(state)));
        }
        return state;
    }

    @Test
    void goodUpdateGoesThroughEveryPhaseAndCountsIt() {
        AgentState state = run(AgentState.INITIAL, new Event.CheckStarted(100), new Event.TargetChosen(TARGET, 7));
        assertEquals(Phase.DOWNLOADING, state.phase());
        assertEquals(7, state.channelVersionSeen());
        state = run(state, new Event.FramesWritten(4, 1000), new Event.FramesWritten(8, 500));
        assertEquals(8, state.target().framesDone());
        assertEquals(1500, state.counters().bytesDownloaded());
        state = run(state, new Event.DownloadComplete(), new Event.Staged("staged"), new Event.RebootRequested("kured"),
                new Event.BootedTarget(), new Event.Confirmed("good"));
        assertEquals(Phase.GOOD, state.phase());
        assertNull(state.target());
        assertEquals(1, state.counters().updatesApplied());
        assertEquals(100, state.lastCheck());
    }

    @Test
    void rollbackIsRememberedUntilForgotten() {
        AgentState state = run(AgentState.INITIAL, new Event.CheckStarted(1), new Event.TargetChosen(TARGET, 1),
                new Event.DownloadComplete(), new Event.Staged("s"), new Event.RollbackDetected("tries ran out"));
        assertEquals(Phase.ROLLED_BACK, state.phase());
        assertEquals(List.of("2.0"), state.rolledBack());
        assertEquals(1, state.counters().rollbacks());
        state = run(state, new Event.RollbackForgotten("2.0"));
        assertEquals(List.of(), state.rolledBack());
        assertEquals(Phase.ROLLED_BACK, state.phase());
    }

    @Test
    void checksConcludeInTheRestingPhaseTheyAreGiven() {
        AgentState rolledBack = run(AgentState.INITIAL, new Event.CheckStarted(1), new Event.TargetChosen(TARGET, 1),
                new Event.DownloadComplete(), new Event.Staged("s"), new Event.RollbackDetected("r"));
        AgentState after = run(rolledBack, new Event.CheckStarted(2), new Event.CheckConcluded("nothing", 3,
                Phase.ROLLED_BACK));
        assertEquals(Phase.ROLLED_BACK, after.phase());
        assertEquals(3, after.channelVersionSeen());
        assertThrows(IllegalTransitionException.class, () -> Transitions.apply(Transitions.apply(after,
                new Event.CheckStarted(3)), new Event.CheckConcluded("x", 0, Phase.DOWNLOADING)));
    }

    @Test
    void refusalsFailTheCheckAndCountVerificationFailures() {
        AgentState state = run(AgentState.INITIAL, new Event.CheckStarted(1), new Event.Refused("bad signature", true, 0));
        assertEquals(Phase.FAILED, state.phase());
        assertEquals(1, state.counters().verificationFailures());
        state = run(state, new Event.CheckStarted(2), new Event.Refused("downgrade", false, 9));
        assertEquals(1, state.counters().verificationFailures());
        assertEquals(9, state.channelVersionSeen());
    }

    @Test
    void theChannelVersionSeenNeverGoesDown() {
        AgentState state = run(AgentState.INITIAL, new Event.CheckStarted(1), new Event.CheckConcluded("ok", 9, Phase.IDLE),
                new Event.CheckStarted(2), new Event.CheckConcluded("ok", 4, Phase.IDLE));
        assertEquals(9, state.channelVersionSeen());
    }

    @Test
    void eventsOutOfPlaceAreRefused() {
        assertThrows(IllegalTransitionException.class, () -> Transitions.apply(AgentState.INITIAL,
                new Event.FramesWritten(1, 1)));
        assertThrows(IllegalTransitionException.class, () -> Transitions.apply(AgentState.INITIAL,
                new Event.Staged("s")));
        AgentState downloading = run(AgentState.INITIAL, new Event.CheckStarted(1), new Event.TargetChosen(TARGET, 1));
        assertThrows(IllegalTransitionException.class, () -> Transitions.apply(downloading, new Event.CheckStarted(2)));
        AgentState four = run(downloading, new Event.FramesWritten(4, 1));
        assertThrows(IllegalTransitionException.class, () -> Transitions.apply(four, new Event.FramesWritten(3, 1)));
        assertThrows(IllegalTransitionException.class, () -> Transitions.apply(downloading,
                new Event.OperatorRolledBack("1.0", "r")));
    }

    @Test
    void operatorSettingsChangeInAnyPhase() {
        AgentState downloading = run(AgentState.INITIAL, new Event.CheckStarted(1), new Event.TargetChosen(TARGET, 1));
        AgentState paused = run(downloading, new Event.PauseChanged(true), new Event.Pinned("3.0"));
        assertTrue(paused.paused());
        assertEquals("3.0", paused.pin());
        assertEquals(Phase.DOWNLOADING, paused.phase());
        assertNull(run(paused, new Event.Pinned(null)).pin());
    }

    @Test
    void aPowerCutAfterTheSwitchMayBootTheTargetWhileStillVerifying() {
        AgentState verifying = run(AgentState.INITIAL, new Event.CheckStarted(1), new Event.TargetChosen(TARGET, 1),
                new Event.DownloadComplete());
        assertEquals(Phase.CONFIRMING, run(verifying, new Event.BootedTarget()).phase());
    }
}
