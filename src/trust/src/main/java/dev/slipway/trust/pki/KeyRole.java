package dev.slipway.trust.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a signing certificate may sign. A verifier asks for one role and refuses the other, so a key that
 * signs channel metadata can never sign an image, and the reverse. The role is carried by the leaf
 * certificate's extended key usage: exactly one of the two purposes below, never both, never
 * anyExtendedKeyUsage.
 */
public enum KeyRole {

    /** Signs image manifests: id-kp-codeSigning, the purpose firmware and code signers already use. */
    IMAGE_SIGNING("image-signing", KeyRole.CODE_SIGNING_OID),
    /** Signs update-channel metadata: Slipway's own purpose, which no other software grants. */
    CHANNEL_SIGNING("channel-signing", KeyRole.CHANNEL_SIGNING_OID);

    /** id-kp-codeSigning (RFC 5280, 4.2.1.12). */
    public static final String CODE_SIGNING_OID = "1.3.6.1.5.5.7.3.3";

    /**
     * Slipway's channel-signing purpose: arc 1 under the UUID OID 2.25.{058e590f-5574-4182-a4a6-44ea67779810
     * as a decimal integer} (ITU-T X.667). A UUID arc needs no registration and cannot collide with another
     * organisation's, and no public CA puts it into a certificate, so a code-signing certificate bought
     * elsewhere can never pass as a channel key.
     */
    public static final String CHANNEL_SIGNING_OID = "2.25.7385252482160458194055150965630670864.1";

    /** anyExtendedKeyUsage: a wildcard that would blur the two roles, so neither accepts it. */
    static final String ANY_EXTENDED_KEY_USAGE_OID = "2.5.29.37.0";

    private static final int DIGITAL_SIGNATURE = 0;

    private final String fileStem;
    private final String oid;

    KeyRole(String fileStem, String oid) {
        this.fileStem = fileStem;
        this.oid = oid;
    }

    /** The name used for this role's files and on the command line, e.g. {@code image-signing}. */
    public String fileStem() {
        return fileStem;
    }

    /** The extended key usage OID a certificate needs for this role. */
    public String oid() {
        return oid;
    }

    /** The role's purpose in words, for messages. */
    public String describe() {
        return this == IMAGE_SIGNING ? "image signing" : "channel signing";
    }

    /** What keys of this role sign, for messages. */
    public String signs() {
        return this == IMAGE_SIGNING ? "image manifests" : "channel metadata";
    }

    private KeyRole other() {
        return this == IMAGE_SIGNING ? CHANNEL_SIGNING : IMAGE_SIGNING;
    }

    /**
     * Why {@code certificate} cannot sign for this role, or empty when it can: it must be an end-entity
     * certificate with keyUsage digitalSignature and this role's purpose, without the other role's.
     */
    public Optional<String> problemWith(X509Certificate certificate) {
        if (certificate.getBasicConstraints() >= 0) {
            return Optional.of("it is a CA certificate; CAs issue certificates and never sign " + signs()
                    + " themselves");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage == null || !keyUsage[DIGITAL_SIGNATURE]) {
            return Optional.of("its keyUsage lacks digitalSignature");
        }
        List<String> purposes;
        try {
            purposes = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return Optional.of("its extendedKeyUsage extension cannot be read (" + e.getMessage() + ")");
        }
        if (purposes == null || purposes.contains(ANY_EXTENDED_KEY_USAGE_OID)) {
            return Optional.of("it names no specific extendedKeyUsage; " + describe() + " needs " + oid
                    + " (" + fileStem + ")");
        }
        if (purposes.contains(other().oid)) {
            return Optional.of("it is a " + other().fileStem + " certificate (extendedKeyUsage " + other().oid
                    + "), and keys that sign " + other().signs() + " must never sign " + signs());
        }
        if (!purposes.contains(oid)) {
            return Optional.of("its extendedKeyUsage " + purposes + " lacks " + oid + " (" + fileStem + ")");
        }
        return Optional.empty();
    }

    /** The role a certificate carries, if exactly one. */
    public static Optional<KeyRole> of(X509Certificate certificate) {
        for (KeyRole role : values()) {
            if (role.problemWith(certificate).isEmpty()) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
