package dev.slipway.cli;

import dev.slipway.trust.cms.SigningException;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which channel-signing key signs: a PEM key file, a key in a PKCS#11 token, or the development key. */
final class ChannelKeyOptions {

    @Option(names = "--channel-key", paramLabel = "KEY",
            description = "The channel-signing key: a PEM private key file, or a pkcs11: URI (RFC 7512) for a key in an"
                + " HSM (the PIN from pin-source or SLIPWAY_PKCS11_PIN), as the build's [signing] key takes it.")
    String key;

    @Option(names = "--channel-cert", paramLabel = "CERT.pem",
            description = "The key's certificate. Default: NAME.pem beside NAME.key.pem, or the token's own.")
    Path certificate;

    @Option(names = "--channel-chain", paramLabel = "CHAIN.pem",
            description = "Further certificates to include in the signature, such as a rotation certificate (repeatable).")
    List<Path> chain = new ArrayList<>();

    @Option(names = "--development-keys",
            description = "Sign with Slipway's public development channel key (keys/development): for test repositories"
                + " only. Implies --allow-development-keys.")
    boolean development;

    /** Refuses, before any work, a command line that names no key, two keys, or a certificate for the development key. */
    void check() {
        if (development == (key != null)) {
            throw new InvalidInputException(development ? "give either --channel-key or --development-keys, not both"
                    : "name the channel-signing key: --channel-key KEY.pem (or a pkcs11: URI), or --development-keys"
                        + " for a test repository");
        }
        if (development && (certificate != null || !chain.isEmpty())) {
            throw new InvalidInputException("the development key comes with its own certificate; drop"
                    + " --channel-cert and --channel-chain");
        }
    }

    /** Opens the key, saying loudly (even with --quiet) when it is the development key. */
    SigningKey open(String command, PrintWriter err) throws IOException, TrustMaterialException, SigningException {
        check();
        if (development) {
            err.println("slipway " + command + ": WARNING: signing the channel with Slipway's DEVELOPMENT key"
                    + " (keys/development), which is public: nodes refuse this channel unless their agent allows"
                    + " development keys. Use --channel-key for production (docs/trust.md).");
            err.flush();
            return SigningKeys.development(KeyRole.CHANNEL_SIGNING);
        }
        return SigningKeys.open(KeyRole.CHANNEL_SIGNING, key, certificate, chain, null);
    }
}
