package dev.slipway.cli;

import picocli.CommandLine.Command;

@Command(name = "verity", mixinStandardHelpOptions = true,
        description = {
            "Formats, verifies and shows dm-verity hash trees (format 1, the on-disk layout veritysetup"
                + " writes and the kernel reads).",
            "Arguments are veritysetup's, so either tool can check the other's work."},
        subcommands = {VerityFormatCommand.class, VerityVerifyCommand.class, VerityDumpCommand.class})
final class VerityCommand {
}
