package dev.slipway.agent.cli;

import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.machine.Event;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway-agent resume}. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes updates after pause.")
final class ResumeCommand extends AgentSubcommand {

    @Mixin
    Where where;

    @Override
    int execute() throws IOException, AgentConfigException {
        OperatorCommands.record(where, "slipway-agent resume", new Event.PauseChanged(false));
        log("updates resumed");
        return ExitCodes.OK;
    }
}
