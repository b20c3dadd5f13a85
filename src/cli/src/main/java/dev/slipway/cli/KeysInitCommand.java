package dev.slipway.cli;

import dev.slipway.cli.CaDirectory.WrittenFile;
import dev.slipway.trust.pki.CertificateAuthority;
import dev.slipway.trust.pki.CertifiedKey;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.Subjects;
import dev.slipway.trust.pki.Validity;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {
            "Creates a root CA with an image-signing and a channel-signing key: root.pem, root.key.pem,"
                + " image-signing.pem, image-signing.key.pem, channel-signing.pem, channel-signing.key.pem and an empty"
                + " root.crl.pem. RSA 3072, SHA-256. Refuses to overwrite any of them.",
            "Keep root.key.pem offline; it is needed only to issue, revoke and rotate."})
final class KeysInitCommand implements Callable<Integer> {

    /** Ten years: long enough for a fleet's life, short enough that a forgotten key does not outlive it. */
    private static final long DEFAULT_YEARS = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ValidityOptions validity;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to write into (created if missing, mode 0700).")
    Path directory;

    @Option(names = "--organization", paramLabel = "NAME",
            description = "Organisation (O) in every subject; the common names follow from it.")
    String organization;

    @Option(names = "--development",
            description = "Development material: O=\"" + Subjects.DEVELOPMENT_ORGANIZATION + "\", valid 2000 to 9999."
                    + " Verifiers flag and by default refuse what it signs.")
    boolean development;

    @Override
    public Integer call() throws IOException {
        String org = organization();
        Validity valid = development ? Validity.DEVELOPMENT
                : validity.resolve(ValidityOptions.now(),
                        ValidityOptions.now().atOffset(ZoneOffset.UTC).plusYears(DEFAULT_YEARS).toInstant());
        String names = development ? "Slipway development" : org;
        List<Path> targets = List.of(CaDirectory.ROOT, CaDirectory.ROOT_KEY, "image-signing.pem", "image-signing.key.pem",
                "channel-signing.pem", "channel-signing.key.pem", CaDirectory.ROOT_CRL).stream().map(directory::resolve).toList();
        for (Path target : targets) {
            if (Files.exists(target)) {
                throw new InvalidInputException(target + " exists, and slipway keys init never overwrites keys: choose"
                        + " an empty directory");
            }
        }
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        CertificateAuthority root = CertificateAuthority.createRoot(Subjects.of(org, names + " root"), valid);
        List<WrittenFile> written = new ArrayList<>();
        Pem.writeNewPrivateKey(targets.get(1), root.privateKey());
        Pem.writeNew(targets.get(0), root.certificate());
        written.add(WrittenFile.certificate(targets.get(0), "root certificate", root.certificate()));
        written.add(WrittenFile.other(targets.get(1), "root private key (keep offline)"));
        for (KeyRole role : KeyRole.values()) {
            CertifiedKey key = root.issue(role, Subjects.of(org, names + " " + role.describe()), valid);
            Path certificate = directory.resolve(role.fileStem() + ".pem");
            Path privateKey = directory.resolve(role.fileStem() + ".key.pem");
            Pem.writeNewPrivateKey(privateKey, key.privateKey());
            Pem.writeNew(certificate, key.certificate());
            written.add(WrittenFile.certificate(certificate, role.fileStem() + " certificate", key.certificate()));
            written.add(WrittenFile.other(privateKey, role.fileStem() + " private key"));
        }
        X509CRL crl = root.issueCrl(BigInteger.ONE, List.of(), valid.notBefore(), valid.notAfter());
        Pem.writeNew(targets.get(6), crl);
        written.add(WrittenFile.other(targets.get(6), "CRL number 1, empty"));
        report(new Initialized(directory.toString(), org, development, written));
        return ExitCode.OK;
    }

    private String organization() {
        if (development) {
            if (organization != null || validity.given()) {
                throw new InvalidInputException("--development fixes the organisation and validity; leave out"
                        + " --organization, --valid-from and --valid-until");
            }
            return Subjects.DEVELOPMENT_ORGANIZATION;
        }
        if (organization == null || organization.isBlank()) {
            throw new InvalidInputException("name the organisation that owns the keys with --organization NAME"
                    + " (or pass --development for test keys)");
        }
        return organization;
    }

    private void report(Initialized result) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Json.print(out, result);
            return;
        }
        result.files().forEach(file -> out.println("wrote " + file.describe()));
        out.flush();
    }

    /** What {@code --json} prints. */
    record Initialized(String directory, String organization, boolean development, List<WrittenFile> files) {
    }
}
