package dev.slipway.cli;

import picocli.CommandLine.Command;

@Command(name = "disk", mixinStandardHelpOptions = true,
        description = "Works with disk images: raw, fixed VHD (Azure) and VHDX (Hyper-V).",
        subcommands = {DiskConvertCommand.class, DiskInspectCommand.class})
final class DiskCommand {
}
