package dev.slipway.agent.cli;

import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.machine.Event;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway-agent pause}. */
@Command(name = "pause", mixinStandardHelpOptions = true, description = "Pauses updates. Checks stop until resume; an update in flight is not interrupted by this.")
final class PauseCommand extends AgentSubcommand {

    @Mixin
    Where where;

    @Override
    int execute() throws IOException, AgentConfigException {
        OperatorCommands.record(where, "slipway-agent pause", new Event.PauseChanged(true));
        log("updates paused");
        return ExitCodes.OK;
    }
}
