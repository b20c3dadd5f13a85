package dev.slipway.agent.cli;

import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.machine.Event;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipway-agent pin VERSION}: install that version only. */
@Command(name = "pin", mixinStandardHelpOptions = true,
        description = "Pins the node to VERSION: the agent installs no other version (it installs VERSION when the channel"
                + " offers it and it is newer than what runs). --clear removes the pin.")
final class PinCommand extends AgentSubcommand {

    @Mixin
    Where where;

    @Parameters(arity = "0..1", paramLabel = "VERSION")
    String version;

    @Option(names = "--clear", description = "remove the pin")
    boolean clear;

    @Override
    int execute() throws IOException, AgentConfigException {
        if (clear == (version != null)) {
            throw new IllegalArgumentException("give VERSION or --clear");
        }
        OperatorCommands.record(where, "slipway-agent pin", new Event.Pinned(clear ? null : version));
        log(clear ? "pin removed" : "pinned to " + version);
        return ExitCodes.OK;
    }
}
