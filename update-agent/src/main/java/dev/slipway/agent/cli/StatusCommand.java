package dev.slipway.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.agent.config.AgentConfigException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway-agent status}: what runs, what is staged, and what the agent last concluded. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the agent's state, the running image, both slots' boot state and the operator's settings.")
final class StatusCommand extends AgentSubcommand {

    @Mixin
    Where where;

    @Option(names = "--json", description = "print JSON (fields: docs/updates.md, \"status --json\")")
    boolean json;

    @Option(names = "--line", description = "print one line of key=value fields, as the serial console shows it")
    boolean line;

    @Override
    int execute() throws IOException, AgentConfigException {
        try (NodeSetup setup = where.open("slipway-agent status", false)) {
            StatusReport report = new StatusReport(setup.store().current(), setup.node(), setup.selection().read());
            System.out.print(json ? new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report.toJson()) + "\n" : line ? report.toLine() + "\n" : report.toText());
            return ExitCodes.OK;
        }
    }
}
