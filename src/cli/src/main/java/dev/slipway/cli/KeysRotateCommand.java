package dev.slipway.cli;

import dev.slipway.cli.CaDirectory.WrittenFile;
import dev.slipway.trust.pki.CertificateAuthority;
import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.Validity;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {
            "Cross-signs a new root with the old one: writes a certificate with the new root's name and key, issued by"
                + " the old root. Hosts that trust the old root and get this certificate (as a rotation certificate in"
                + " their trust store) accept keys issued by the new root. Validity defaults to the new root's."})
final class KeysRotateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ValidityOptions validity;

    @Option(names = "--ca", required = true, paramLabel = "OLD_DIR", description = "The old root's CA directory.")
    Path ca;

    @Option(names = "--new-root", required = true, paramLabel = "NEW_ROOT.pem",
            description = "The new root certificate (root.pem of a new `slipway keys init`).")
    Path newRoot;

    @Option(names = "--out", required = true, paramLabel = "CROSS.pem", description = "Where to write the cross-certificate (new file).")
    Path out;

    @Override
    public Integer call() throws IOException {
        CaDirectory.requireAbsent(out);
        CertificateAuthority old = CaDirectory.load(ca);
        X509Certificate root = CaDirectory.certificate(newRoot);
        if (root.getBasicConstraints() < 0 || !Certificates.isSelfSigned(root)) {
            throw new InvalidInputException(newRoot + " (" + Certificates.subject(root) + ") is not a self-signed CA"
                    + " certificate: give the root.pem of the new CA");
        }
        if (root.getPublicKey().equals(old.certificate().getPublicKey())) {
            throw new InvalidInputException(newRoot + " has the old root's key; a rotation needs a new key pair"
                    + " (`slipway keys init NEW_DIR`)");
        }
        Validity valid = validity.resolve(root.getNotBefore().toInstant(), root.getNotAfter().toInstant());
        X509Certificate cross = old.crossSign(root, valid);
        Pem.writeNew(out, cross);
        WrittenFile written = WrittenFile.certificate(out, "rotation certificate issued by "
                + Certificates.subject(old.certificate()) + " for", cross);
        written.report(spec.commandLine().getOut(), output.json);
        return ExitCode.OK;
    }
}
