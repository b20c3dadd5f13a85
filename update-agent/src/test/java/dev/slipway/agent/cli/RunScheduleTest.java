package dev.slipway.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.agent.config.AgentConfig;
import dev.slipway.agent.config.AgentConfigs;
import dev.slipway.agent.install.UpdateCycle;
import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.Phase;
import dev.slipway.agent.state.Slot;
import dev.slipway.agent.state.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When {@code run} looks again after a cycle. */
class RunScheduleTest {

    private static AgentConfig config(String interval) throws Exception {
        return AgentConfigs.parse(Path.of("/etc/slipway/agent.toml"), ("""
                repository = "https://updates.example.com/slipway"
                channel = "stable"
                trust = "/etc/slipway/trust.pem"
                check-interval = "%s"
                check-jitter = "0s"
                """.formatted(interval)).getBytes(StandardCharsets.UTF_8));
    }

    private static final Target TARGET = new Target("2", 1, Slot.B, "images/aks-node/2", "0".repeat(64), "0".repeat(64), 0);

    @Test
    void anUnreachableRepositoryIsTriedAgainAfterAMinuteNotAnInterval() throws Exception {
        AgentState unreachable = AgentState.INITIAL.with(Phase.IDLE, null, UpdateCycle.UNREACHABLE + "connection refused");
        assertEquals(Duration.ofMinutes(1), RunCommand.next(unreachable, config("1h")));
        assertEquals(Duration.ofMinutes(1), RunCommand.next(AgentState.INITIAL.with(Phase.DOWNLOADING, TARGET,
                "downloading"), config("1h")), "an interrupted download resumes soon");
        assertEquals(Duration.ofMinutes(1), RunCommand.next(unreachable, config("1m")));
    }

    @Test
    void otherwiseTheIntervalOrTheConfirmingPoll() throws Exception {
        assertEquals(Duration.ofHours(1), RunCommand.next(AgentState.INITIAL.with(Phase.GOOD, null, "up to date"),
                config("1h")));
        assertEquals(RunCommand.CONFIRMING_POLL, RunCommand.next(AgentState.INITIAL.with(Phase.CONFIRMING, TARGET,
                "waiting"), config("1h")));
    }
}
