package dev.slipway.cli;

import dev.slipway.trust.pki.CertificateAuthority;
import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.pki.Pem;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/** The files `slipway keys init` writes into a directory, and reading the CA back from them. */
final class CaDirectory {

    static final String ROOT = "root.pem";
    static final String ROOT_KEY = "root.key.pem";
    static final String ROOT_CRL = "root.crl.pem";

    private CaDirectory() {
    }

    /** Refuses an output that exists: certificates and keys are never overwritten. */
    static void requireAbsent(Path file) {
        if (java.nio.file.Files.exists(file)) {
            throw new InvalidInputException(file + " exists, and slipway keys never overwrites key material: choose"
                    + " another --out or move the file away");
        }
    }

    static CertificateAuthority load(Path directory) throws IOException {
        try {
            X509Certificate root = Pem.readCertificate(directory.resolve(ROOT));
            return new CertificateAuthority(root, Pem.readPrivateKey(directory.resolve(ROOT_KEY)));
        } catch (TrustMaterialException | IllegalArgumentException e) {
            throw new InvalidInputException(directory + " is not a usable CA directory: " + e.getMessage());
        }
    }

    static X509CRL crl(Path directory) throws IOException {
        try {
            return Pem.readCrl(directory.resolve(ROOT_CRL));
        } catch (TrustMaterialException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    static X509Certificate certificate(Path file) throws IOException {
        try {
            return Pem.readCertificate(file);
        } catch (TrustMaterialException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** What --json reports for each file written. Key files have no certificate fields. */
    record WrittenFile(String path, String kind, String subject, String serial, String sha256, String notBefore,
                       String notAfter) {

        static WrittenFile certificate(Path path, String kind, X509Certificate certificate) {
            return new WrittenFile(path.toString(), kind, Certificates.subject(certificate),
                    Certificates.serial(certificate), Certificates.sha256(certificate),
                    certificate.getNotBefore().toInstant().toString(), certificate.getNotAfter().toInstant().toString());
        }

        static WrittenFile other(Path path, String kind) {
            return new WrittenFile(path.toString(), kind, null, null, null, null, null);
        }

        String describe() {
            return subject == null ? path + ": " + kind
                    : path + ": " + kind + " " + subject + ", serial " + serial + ", valid " + notBefore + " to "
                    + notAfter + ", sha256 " + sha256;
        }

        /** Reports the file on {@code out}: as JSON with --json, else one "wrote ..." line. */
        void report(PrintWriter out, boolean json) {
            if (json) {
                Json.print(out, this);
            } else {
                out.println("wrote " + describe());
                out.flush();
            }
        }
    }
}
