package dev.slipway.agent.cli;

import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.machine.Event;
import dev.slipway.agent.state.AgentState;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code slipway-agent forget-rollback VERSION}: allow a version that rolled back to be tried again. */
@Command(name = "forget-rollback", mixinStandardHelpOptions = true,
        description = "Allows VERSION, which rolled back on this node, to be installed again at the next check.")
final class ForgetRollbackCommand extends AgentSubcommand {

    @Mixin
    Where where;

    @Parameters(paramLabel = "VERSION")
    String version;

    @Override
    int execute() throws IOException, AgentConfigException {
        AgentState after = OperatorCommands.record(where, "slipway-agent forget-rollback",
                new Event.RollbackForgotten(version));
        log(version + " may be installed again" + (after.rolledBack().isEmpty() ? "" : "; still not retried: "
                + String.join(", ", after.rolledBack())));
        return ExitCodes.OK;
    }
}
