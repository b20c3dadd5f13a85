package dev.slipway.trust.cms;

import java.io.IOException;
import java.security.ProviderException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Detached CMS SignedData (RFC 5652) over bytes: SHA-256, RSA PKCS#1 v1.5, signed attributes content-type,
 * message-digest, signing-time (and BouncyCastle's CMS algorithm protection, RFC 6211), the signer's
 * certificate and chain included, DER. The same key, content and time give the same bytes: nothing here
 * reads the clock and RSA PKCS#1 v1.5 signatures are deterministic. {@code openssl cms -verify} reads it.
 */
public final class CmsSigner {

    private CmsSigner() {
    }

    /**
     * Signs {@code content}, recording {@code signingTime} (to the second, what the encoding holds) as the
     * signing-time attribute. Verifiers check certificates at that time.
     */
    public static byte[] sign(SigningKey key, byte[] content, Instant signingTime) throws SigningException {
        Instant time = signingTime.truncatedTo(ChronoUnit.SECONDS);
        // Given in advance, so BouncyCastle's generator keeps it instead of adding the current time.
        AttributeTable signedAttributes = new AttributeTable(
                new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(time)))));
        try {
            SignerInfoGenerator signer = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signedAttributes))
                    .build(key.contentSigner(), key.certificate());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signer);
            generator.addCertificates(new JcaCertStore(certificates(key)));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CertificateEncodingException e) {
            throw new SigningException("cannot prepare a signature with " + key.describe() + ": " + e.getMessage(), e);
        } catch (CMSException | IOException | ProviderException | RuntimeOperatorException e) {
            // Tokens report failures (a removed card, an expired session) as runtime exceptions from the signer.
            throw new SigningException("signing with " + key.describe() + " failed: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(SigningKey key) {
        List<X509Certificate> certificates = new ArrayList<>();
        certificates.add(key.certificate());
        for (X509Certificate certificate : key.chain()) {
            if (!certificates.contains(certificate)) {
                certificates.add(certificate);
            }
        }
        return certificates;
    }
}
