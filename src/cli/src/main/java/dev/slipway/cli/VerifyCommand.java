package dev.slipway.cli;

import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.manifest.ManifestException;
import dev.slipway.trust.manifest.Manifests;
import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.pki.TrustMaterialException;
import dev.slipway.trust.policy.SignatureVerifier;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerificationException;
import dev.slipway.trust.policy.VerifiedSignature;
import dev.slipway.trust.policy.VerifyOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Verifies a signed image: the CMS signature on manifest.json and its certificate chain against the trust"
                + " policy (roots, rotation, revocation, the image-signing role, development keys), then every artifact"
                + " the manifest names: present, its size, its SHA-256. --deep also recomputes the dm-verity tree of"
                + " usr.img.",
            "Exit 0 when everything verified; 1 when a check failed (each failure says which check, on which"
                + " artifact, and what it means)."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "OUT|MANIFEST",
            description = "A build's output directory, or its manifest.json (the signature is MANIFEST.p7s).")
    Path target;

    @Option(names = "--trust", paramLabel = "ROOTS.pem",
            description = "The trusted root certificates (a PEM bundle). Default: Slipway's development root only.")
    Path trust;

    @Option(names = "--rotation", paramLabel = "CROSS.pem",
            description = "A rotation certificate: a newer root signed by a trusted one (repeatable).")
    List<Path> rotation = new ArrayList<>();

    @Option(names = "--crl", paramLabel = "CRL.pem", description = "A certificate revocation list (repeatable).")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--deep", description = "Also recompute usr.img's dm-verity hash tree from its data.")
    boolean deep;

    @Option(names = "--require-production",
            description = "Fail when the image is signed with Slipway's development keys.")
    boolean requireProduction;

    @Override
    public Integer call() throws IOException, TrustMaterialException {
        Path manifestFile = ImageVerification.manifestFile(target);
        Path signatureFile = manifestFile.resolveSibling(manifestFile.getFileName() + ".p7s");
        for (Path file : List.of(manifestFile, signatureFile)) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "not found; is " + target
                        + " a Slipway build's output directory or manifest?");
            }
        }
        byte[] manifestBytes = Files.readAllBytes(manifestFile);
        Report report = new Report(manifestFile.toString());
        try {
            VerifiedSignature signature = SignatureVerifier.verify(manifestBytes, Files.readAllBytes(signatureFile),
                    KeyRole.IMAGE_SIGNING, trustStore(), new VerifyOptions(!requireProduction));
            report.signature = SignatureReport.of(signature);
            Manifest manifest = Manifests.parse(manifestBytes);
            report.image = new ImageReport(manifest.image().name(), manifest.image().version(),
                    manifest.compatibility(), manifest.securityVersion(), manifest.buildTime());
            report.checks = ImageVerification.artifacts(manifest, manifestFile.getParent() == null ? Path.of("")
                    : manifestFile.getParent(), deep, output.progress(spec.commandLine().getErr()));
        } catch (VerificationException e) {
            report.signature = new SignatureReport(false, e.reason().name(), e.getMessage(), null, List.of(), null, false);
        } catch (ManifestException e) {
            report.problem = "the manifest is signed correctly but cannot be read: " + e.getMessage();
        }
        report.verified = report.problem == null && report.signature.ok()
                && report.checks.stream().allMatch(ImageVerification.Check::ok);
        print(report);
        return report.verified ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private TrustStore trustStore() throws IOException, TrustMaterialException {
        TrustStore roots = trust == null ? TrustStores.development() : TrustStores.load(trust, List.of(), List.of());
        return TrustStores.withFiles(roots, rotation, crls);
    }

    private void print(Report report) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Json.print(out, report);
            return;
        }
        SignatureReport s = report.signature;
        if (report.image != null) {
            out.printf("%s %s (%s, security version %d)%n", report.image.name(), report.image.version(),
                    report.image.compatibility(), report.image.securityVersion());
        }
        if (s.ok()) {
            out.printf("signature: good; signed by %s at %s%n", s.signer(), s.signingTime());
            out.printf("chain: %s%n", String.join(" -> ", s.chain()));
            if (s.development()) {
                out.println("DEVELOPMENT KEY: signed with Slipway's public development key, which anyone can use;"
                        + " this image is for tests only (--require-production refuses it)");
            }
        } else {
            out.printf("signature: FAILED (%s): %s%n", s.reason(), s.message());
        }
        for (ImageVerification.Check check : report.checks) {
            out.printf("%-4s %s %s: %s%n", check.ok() ? "ok" : "FAIL", check.artifact(), check.check(), check.detail());
        }
        if (report.problem != null) {
            out.println("FAIL " + report.problem);
        }
        long failed = report.checks.stream().filter(c -> !c.ok()).count();
        out.println(report.verified ? "verified: the signature and all " + report.checks.size() + " checks passed"
                : "NOT VERIFIED: " + (s.ok() ? failed + " of " + report.checks.size() + " checks failed"
                        + (report.problem != null ? "; " + report.problem : "") : "the signature was refused"));
        out.flush();
    }

    /** What {@code --json} prints. */
    static final class Report {
        public final String manifest;
        public boolean verified;
        public SignatureReport signature;
        public ImageReport image;
        public List<ImageVerification.Check> checks = List.of();
        public String problem;

        Report(String manifest) {
            this.manifest = manifest;
        }
    }

    record ImageReport(String name, String version, String compatibility, long securityVersion, long buildTime) {
    }

    /** @param reason the refusal's kind (VerificationException.Reason), or null when the signature is good */
    record SignatureReport(boolean ok, String reason, String message, String signer, List<String> chain,
                           String signingTime, boolean development) {
        static SignatureReport of(VerifiedSignature v) {
            return new SignatureReport(true, null, null, Certificates.subject(v.signer()),
                    v.certificatePath().stream().map(Certificates::subject).toList(), v.signingTime().toString(),
                    v.development());
        }
    }
}
