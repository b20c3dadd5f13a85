package dev.slipway.cli;

import dev.slipway.trust.pki.TrustMaterialException;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerifyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The trust nodes have: what a build's signature and the new channel signature must verify against
 * before anything is published, and the rotation certificates and CRLs the repository carries.
 */
final class RepositoryTrustOptions {

    @Option(names = "--trust", paramLabel = "ROOTS.pem",
            description = "The root certificates nodes trust (a PEM bundle): the build's manifest and the channel"
                + " metadata must verify against them.")
    Path trust;

    @Option(names = "--allow-development-keys",
            description = "Also trust Slipway's development root and accept development signatures (test repositories).")
    boolean allowDevelopment;

    @Option(names = "--rotation", paramLabel = "CROSS.pem",
            description = "A rotation certificate (`slipway keys rotate`), trusted here and copied to"
                + " REPO/trust/rotation.pem (repeatable).")
    List<Path> rotation = new ArrayList<>();

    @Option(names = "--crl", paramLabel = "CRL.pem",
            description = "A certificate revocation list, honoured here and copied to REPO/trust/crl.pem (repeatable).")
    List<Path> crls = new ArrayList<>();

    /** Whether any trust was named at all. */
    boolean given() {
        return trust != null || allowDevelopment;
    }

    /**
     * The trust store: --trust's roots, plus the development root when development signatures are
     * allowed, with the rotation certificates and CRLs.
     *
     * @param developmentKeys whether the channel is signed with the development key (which implies allowing it)
     */
    TrustStore store(boolean developmentKeys) throws IOException, TrustMaterialException {
        boolean development = allowDevelopment || developmentKeys;
        if (trust == null && !development) {
            throw new InvalidInputException("name the roots nodes trust: --trust ROOTS.pem (or"
                    + " --allow-development-keys for a test repository); the build and the channel are checked"
                    + " against them before anything is published");
        }
        TrustStore roots = trust == null ? TrustStores.development()
                : TrustStores.load(trust, List.of(), List.of());
        if (trust != null && development) {
            roots = roots.plus(TrustStores.development());
        }
        return TrustStores.withFiles(roots, rotation, crls);
    }

    VerifyOptions options(boolean developmentKeys) {
        return new VerifyOptions(allowDevelopment || developmentKeys);
    }
}
