package dev.slipway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slipway} command: builds immutable host images and checks them. */
@Command(name = "slipway",
        mixinStandardHelpOptions = true,
        versionProvider = SlipwayVersion.class,
        description = "Builds immutable container-host disk images and checks every byte of them.",
        subcommands = {BuildCommand.class, ProfileCommand.class, DiskCommand.class, ErofsCommand.class, VerityCommand.class, KeysCommand.class, VerifyCommand.class, RebuildCheckCommand.class, PublishCommand.class, ChannelCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (for checks: everything verified)",
            "1:a check found a mismatch",
            "2:wrong command line",
            "3:input refused (malformed profile, hostile or malformed archive, invalid tree or parameters)",
            "4:reading or writing failed (missing file, permissions, full disk)",
            "5:a host program the command needs is missing (the message names its Debian package)",
            "6:an external program (mmdebstrap, a profile's hook) failed",
            "70:internal error (a bug: please report it)"})
public final class Slipway {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Slipway());
        cli.setExecutionExceptionHandler(new Failures());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("slipway: " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE;
        });
        return cli;
    }
}
