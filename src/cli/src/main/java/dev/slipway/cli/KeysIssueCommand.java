package dev.slipway.cli;

import dev.slipway.cli.CaDirectory.WrittenFile;
import dev.slipway.trust.pki.CertificateAuthority;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.Subjects;
import dev.slipway.trust.pki.TrustMaterialException;
import dev.slipway.trust.pki.Validity;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {
            "Issues an image- or channel-signing certificate for a public key whose private key lives elsewhere,"
                + " typically inside an HSM. Write the certificate into the token next to the key (same id and label)"
                + " or pass it to the signer. Validity defaults to now until the root's end."})
final class KeysIssueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ValidityOptions validity;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "CA directory from `slipway keys init`.")
    Path ca;

    @Option(names = "--role", required = true, paramLabel = "ROLE", completionCandidates = Roles.class,
            description = "image or channel.")
    String role;

    @Option(names = "--public-key", required = true, paramLabel = "PUB.pem",
            description = "The key to certify, PEM (openssl pkey -pubin -inform DER -in key.der -out PUB.pem).")
    Path publicKey;

    @Option(names = "--subject", required = true, paramLabel = "CN",
            description = "Common name of the certificate; the organisation is the CA's.")
    String subject;

    @Option(names = "--out", required = true, paramLabel = "CERT.pem", description = "Where to write the certificate (new file).")
    Path out;

    @Override
    public Integer call() throws IOException {
        CaDirectory.requireAbsent(out);
        KeyRole keyRole = Roles.parse(role);
        CertificateAuthority authority = CaDirectory.load(ca);
        PublicKey key;
        try {
            key = Pem.readPublicKey(publicKey);
        } catch (TrustMaterialException e) {
            throw new InvalidInputException(e.getMessage());
        }
        Validity valid = validity.resolve(ValidityOptions.now(), authority.certificate().getNotAfter().toInstant());
        X509Certificate certificate = authority.issue(keyRole,
                Subjects.of(Subjects.organization(authority.certificate()), subject), key, valid);
        Pem.writeNew(out, certificate);
        WrittenFile written = WrittenFile.certificate(out, keyRole.fileStem() + " certificate", certificate);
        written.report(spec.commandLine().getOut(), output.json);
        return ExitCode.OK;
    }

    /** The --role values. */
    static final class Roles extends java.util.ArrayList<String> {

        Roles() {
            super(java.util.List.of("image", "channel"));
        }

        static KeyRole parse(String name) {
            return switch (name) {
                case "image" -> KeyRole.IMAGE_SIGNING;
                case "channel" -> KeyRole.CHANNEL_SIGNING;
                default -> throw new InvalidInputException("--role " + name + " is not a role: use image (signs image"
                        + " manifests) or channel (signs update-channel metadata)");
            };
        }
    }
}
