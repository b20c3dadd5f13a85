package dev.slipway.cli;

import picocli.CommandLine.Command;

@Command(name = "channel", mixinStandardHelpOptions = true,
        description = {
            "Works on an update repository's channels: re-signs one before it expires (refresh) or shows one (show)."
                + " `slipway publish` points a channel at a new release. See docs/updates.md."},
        subcommands = {ChannelRefreshCommand.class, ChannelShowCommand.class})
final class ChannelCommand {
}
