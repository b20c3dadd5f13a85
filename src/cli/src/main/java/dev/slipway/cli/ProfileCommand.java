package dev.slipway.cli;

import picocli.CommandLine.Command;

@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Works with image profiles (TOML; see docs/profiles.md).",
        subcommands = {ProfileResolveCommand.class})
final class ProfileCommand {
}
