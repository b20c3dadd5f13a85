package dev.slipway.trust.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM files as openssl writes and reads them: certificates, CRLs, PKCS#8 private keys and public keys.
 * Readers name the file (or resource) in every error; private keys are written with mode 0600 from the
 * moment the file exists.
 */
public final class Pem {

    private Pem() {
    }

    /** Every certificate in a PEM file, in file order; at least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException, TrustMaterialException {
        return certificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /** Every certificate in PEM text fetched from elsewhere (a repository); {@code source} names it in errors. */
    public static List<X509Certificate> parseCertificates(String pem, String source) throws TrustMaterialException {
        return certificates(pem, source);
    }

    /** Every CRL in PEM text fetched from elsewhere; {@code source} names it in errors. */
    public static List<X509CRL> parseCrls(String pem, String source) throws TrustMaterialException {
        return crls(pem, source);
    }

    /** The one certificate in a PEM file. */
    public static X509Certificate readCertificate(Path file) throws IOException, TrustMaterialException {
        return single(readCertificates(file), file.toString());
    }

    /** Every CRL in a PEM file; at least one. */
    public static List<X509CRL> readCrls(Path file) throws IOException, TrustMaterialException {
        return crls(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /** The one CRL in a PEM file. */
    public static X509CRL readCrl(Path file) throws IOException, TrustMaterialException {
        List<X509CRL> crls = readCrls(file);
        if (crls.size() != 1) {
            throw new TrustMaterialException(file + " holds " + crls.size() + " CRLs; give a file with exactly one");
        }
        return crls.getFirst();
    }

    /** An unencrypted private key: PKCS#8 ("PRIVATE KEY") or OpenSSL's traditional "RSA PRIVATE KEY". */
    public static PrivateKey readPrivateKey(Path file) throws IOException, TrustMaterialException {
        return privateKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /** A public key ("PUBLIC KEY", as {@code openssl pkey -pubout} writes it). */
    public static PublicKey readPublicKey(Path file) throws IOException, TrustMaterialException {
        for (Object object : objects(Files.readString(file, StandardCharsets.US_ASCII), file.toString())) {
            if (object instanceof SubjectPublicKeyInfo info) {
                return new JcaPEMKeyConverter().getPublicKey(info);
            }
        }
        throw new TrustMaterialException(file + " holds no PEM public key (-----BEGIN PUBLIC KEY-----); export it with"
                + " e.g. `pkcs11-tool --read-object --type pubkey --id ID -o key.der` and"
                + " `openssl pkey -pubin -inform DER -in key.der -out key.pem`");
    }

    static List<X509Certificate> certificates(String pem, String source) throws TrustMaterialException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : objects(pem, source)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (CertificateException e) {
                    throw new TrustMaterialException(source + " holds a certificate Java cannot read: " + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new TrustMaterialException(source + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    static X509Certificate single(List<X509Certificate> certificates, String source) throws TrustMaterialException {
        if (certificates.size() != 1) {
            throw new TrustMaterialException(source + " holds " + certificates.size()
                    + " certificates where one was expected; give a file with exactly one");
        }
        return certificates.getFirst();
    }

    static List<X509CRL> crls(String pem, String source) throws TrustMaterialException {
        List<X509CRL> crls = new ArrayList<>();
        for (Object object : objects(pem, source)) {
            if (object instanceof X509CRLHolder holder) {
                try {
                    crls.add(new JcaX509CRLConverter().getCRL(holder));
                } catch (CRLException e) {
                    throw new TrustMaterialException(source + " holds a CRL Java cannot read: " + e.getMessage(), e);
                }
            }
        }
        if (crls.isEmpty()) {
            throw new TrustMaterialException(source + " holds no PEM CRL (-----BEGIN X509 CRL-----)");
        }
        return crls;
    }

    static PrivateKey privateKey(String pem, String source) throws TrustMaterialException {
        var converter = new JcaPEMKeyConverter();
        try {
            for (Object object : objects(pem, source)) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                    throw new TrustMaterialException(source + " holds an encrypted private key, which Slipway does not"
                            + " decrypt: keep release keys in an HSM and name them with a pkcs11: URI, or decrypt a"
                            + " development key with `openssl pkey -in KEY -out PLAIN`");
                }
            }
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new TrustMaterialException(source + " holds a private key Java cannot read: " + e.getMessage(), e);
        }
        throw new TrustMaterialException(source + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static List<Object> objects(String pem, String source) throws TrustMaterialException {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new TrustMaterialException(source + " is not a readable PEM file: " + e.getMessage(), e);
        }
        return objects;
    }

    /** Certificates, CRLs or public keys as PEM text, one block after another. */
    public static String encode(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode as PEM: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Writes certificates or CRLs to a new file (mode 0644); an existing file is refused. */
    public static void writeNew(Path file, Object... objects) throws IOException {
        write(file, encode(objects), "rw-r--r--");
    }

    /** Writes a private key as unencrypted PKCS#8 to a new file created with mode 0600. */
    public static void writeNewPrivateKey(Path file, PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        write(file, text.toString(), "rw-------");
    }

    private static void write(Path file, String text, String permissions) throws IOException {
        try (var channel = Files.newByteChannel(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
             Writer out = Channels.newWriter(channel, StandardCharsets.US_ASCII)) {
            out.write(text);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "exists, and Slipway never overwrites key material: choose another path or move the file away");
        }
        // The umask may have narrowed the mode at creation: certificates are meant to be readable by all.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

}
