package dev.slipway.agent.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code slipway-agent}: the on-node A/B updater and its operator commands. */
@TopCommand
@Command(name = "slipway-agent", mixinStandardHelpOptions = true, versionProvider = AgentVersion.class,
        description = "Keeps a Slipway node up to date: checks a signed update repository, stages the new /usr in the"
                + " inactive slot, switches the boot selection and confirms or reports a rollback.",
        subcommands = {RunCommand.class, UpdateCommand.class, StatusCommand.class, PauseCommand.class,
                ResumeCommand.class, PinCommand.class, RollbackCommand.class, ForgetRollbackCommand.class,
                CheckHealthCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:an update was refused or failed (status says why)", "2:usage error",
                "3:cannot run here (configuration, trust, disk, lock)", "4:the repository cannot be read now; try again",
                "5:a health check failed"})
public class AgentCommand {
}
