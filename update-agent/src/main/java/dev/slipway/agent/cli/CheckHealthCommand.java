package dev.slipway.agent.cli;

import picocli.CommandLine.Command;

@Command(name = "check-health")
final class CheckHealthCommand extends AgentSubcommand {
    @Override
    int execute() {
        return ExitCodes.OK;
    }
}
