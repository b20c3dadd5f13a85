package dev.slipway.trust.policy;

import dev.slipway.trust.policy.VerificationException.Reason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/** A detached CMS signature taken apart: its one signer, that signer's certificate and the others included. */
record ParsedSignature(CMSSignedData signedData, SignerInformation signer, X509Certificate signerCertificate,
                       List<X509Certificate> certificates) {

    static ParsedSignature parse(byte[] cms, byte[] content) throws VerificationException {
        try {
            if (new CMSSignedData(cms).getSignedContent() != null) {
                throw malformed("it carries the signed content inside; Slipway signatures are detached (the content"
                        + " travels beside the signature)");
            }
            CMSSignedData signedData = new CMSSignedData(new CMSProcessableByteArray(content), cms);
            Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw malformed("it has " + signers.size() + " signers where Slipway requires exactly one");
            }
            SignerInformation signer = signers.iterator().next();
            if (!NISTObjectIdentifiers.id_sha256.getId().equals(signer.getDigestAlgOID())) {
                throw malformed("its digest algorithm is " + signer.getDigestAlgOID() + "; Slipway accepts SHA-256 only");
            }
            var converter = new JcaX509CertificateConverter();
            List<X509Certificate> certificates = new ArrayList<>();
            List<X509CertificateHolder> own = new ArrayList<>();
            for (X509CertificateHolder holder : signedData.getCertificates().getMatches(null)) {
                certificates.add(converter.getCertificate(holder));
                if (signer.getSID().match(holder)) {
                    own.add(holder);
                }
            }
            if (own.size() != 1) {
                throw malformed("it does not include its signer's certificate (" + own.size() + " matches); sign with"
                        + " Slipway, which always includes it");
            }
            return new ParsedSignature(signedData, signer, converter.getCertificate(own.getFirst()), certificates);
        } catch (CMSException | CertificateException | RuntimeException e) {
            throw new VerificationException(Reason.MALFORMED, "the signature is not a readable CMS SignedData ("
                    + e.getMessage() + "): it is damaged or not a signature; fetch it again", e);
        }
    }

    /** Checks the message digest against the content and the signature value against the signer's key. */
    void verifyContent() throws VerificationException {
        boolean valid;
        try {
            // Built from the bare public key: BouncyCastle would otherwise check validity against its own idea
            // of time, before our policy gets to say which time counts.
            valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCertificate.getPublicKey()));
        } catch (CMSSignerDigestMismatchException e) {
            throw new VerificationException(Reason.DIGEST_MISMATCH, "the content does not match what "
                    + subject() + " signed: it was changed or damaged after signing; fetch it again, and distrust its"
                    + " source if it stays different", e);
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw new VerificationException(Reason.BAD_SIGNATURE, "the signature by " + subject()
                    + " does not verify (" + e.getMessage() + "); fetch it again, and distrust its source if it persists", e);
        }
        if (!valid) {
            throw new VerificationException(Reason.BAD_SIGNATURE, "the signature value does not verify with the public"
                    + " key of " + subject() + ": the signature was forged or damaged");
        }
    }

    /** The signed signing-time attribute, which the signer chose: the time certificates are checked at. */
    Instant signingTime() throws VerificationException {
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null || attributes.getAll(CMSAttributes.signingTime).size() == 0) {
            throw new VerificationException(Reason.NO_SIGNING_TIME, "the signature by " + subject()
                    + " has no signed signing time, so its certificates cannot be checked at the time of signing;"
                    + " sign with Slipway, which always records it");
        }
        if (attributes.getAll(CMSAttributes.signingTime).size() != 1) {
            throw malformed("it has more than one signing-time attribute");
        }
        Attribute attribute = attributes.get(CMSAttributes.signingTime);
        if (attribute.getAttrValues().size() != 1) {
            throw malformed("its signing-time attribute holds " + attribute.getAttrValues().size() + " values");
        }
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        try {
            return Time.getInstance(value).getDate().toInstant();
        } catch (RuntimeException e) {
            throw malformed("its signing time cannot be read (" + e.getMessage() + ")");
        }
    }

    String subject() {
        return signerCertificate.getSubjectX500Principal().getName();
    }

    private static VerificationException malformed(String what) {
        return new VerificationException(Reason.MALFORMED, "the signature is malformed: " + what);
    }
}
