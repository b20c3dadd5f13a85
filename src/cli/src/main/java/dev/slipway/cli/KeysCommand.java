package dev.slipway.cli;

import picocli.CommandLine.Command;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {
            "Makes and maintains signing keys: a root CA with image- and channel-signing keys, certificates for keys"
                + " inside an HSM, revocations and root rotation. See docs/trust.md.",
            "Private keys are written as unencrypted PKCS#8 with mode 0600 and never overwritten; keep release keys"
                + " in an HSM (pkcs11: URIs) instead."},
        subcommands = {KeysInitCommand.class, KeysIssueCommand.class, KeysRevokeCommand.class, KeysRotateCommand.class})
final class KeysCommand {
}
