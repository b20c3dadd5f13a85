package dev.slipway.cli;

import dev.slipway.trust.pki.CertificateAuthority;
import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.pki.Crls;
import dev.slipway.trust.pki.Pem;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {
            "Revokes certificates the CA issued: writes DIR/root.crl.pem anew with the next CRL number, the entries it"
                + " had and the new ones. Verifiers given the new CRL refuse everything the revoked keys signed, also"
                + " before the revocation. Ship the CRL to hosts with the next channel update."})
final class KeysRevokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "CA directory from `slipway keys init`.")
    Path ca;

    @Option(names = "--serial", paramLabel = "HEX", description = "A serial number to revoke (hex), when the certificate file is gone.")
    List<String> serials = new ArrayList<>();

    @Parameters(paramLabel = "CERT.pem", arity = "0..*", description = "Certificates to revoke.")
    List<Path> certificates = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        CertificateAuthority authority = CaDirectory.load(ca);
        List<BigInteger> wanted = new ArrayList<>();
        for (Path file : certificates) {
            X509Certificate certificate = CaDirectory.certificate(file);
            if (!Certificates.issued(authority.certificate(), certificate)) {
                throw new InvalidInputException(file + " (" + Certificates.subject(certificate) + ") was not issued by "
                        + Certificates.subject(authority.certificate()) + ": revoke it with the CA that issued it");
            }
            wanted.add(certificate.getSerialNumber());
        }
        for (String serial : serials) {
            try {
                wanted.add(new BigInteger(serial.replace(":", ""), 16));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--serial " + serial + " is not a hexadecimal serial number");
            }
        }
        wanted = wanted.stream().distinct().toList();
        if (wanted.isEmpty()) {
            throw new InvalidInputException("name the certificates to revoke (CERT.pem) or their serials (--serial HEX)");
        }
        X509CRL old = CaDirectory.crl(ca);
        List<String> added = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (BigInteger serial : wanted) {
            boolean listed = Crls.entries(old).stream().anyMatch(entry -> entry.serial().equals(serial));
            (listed ? already : added).add(serial.toString(16));
        }
        X509CRL crl = Crls.next(authority, old, wanted, ValidityOptions.now());
        BigInteger number = Crls.number(crl);
        Path target = ca.resolve(CaDirectory.ROOT_CRL);
        Path temporary = ca.resolve("." + CaDirectory.ROOT_CRL + ".new");
        Files.deleteIfExists(temporary);
        Pem.writeNew(temporary, crl);
        // A rename, so a crash leaves either the old CRL or the new one, never half of one.
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Revoked result = new Revoked(target.toString(), number.longValueExact(), added, already);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Json.print(out, result);
        } else {
            out.printf("wrote %s: CRL number %d, revoked %s%s%n", target, number, added.isEmpty() ? "nothing new" : added,
                    already.isEmpty() ? "" : " (already revoked: " + already + ")");
            out.flush();
        }
        return ExitCode.OK;
    }

    /** What {@code --json} prints. */
    record Revoked(String crl, long crlNumber, List<String> revokedSerials, List<String> alreadyRevoked) {
    }
}
