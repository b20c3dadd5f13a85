package dev.slipway.trust.policy;

import static dev.slipway.trust.policy.SignatureVerifierTest.CONTENT;
import static dev.slipway.trust.policy.SignatureVerifierTest.SIGNED_AT;
import static dev.slipway.trust.policy.SignatureVerifierTest.assertRefused;

import dev.slipway.trust.cms.CmsSigner;
import dev.slipway.trust.pki.CertifiedKey;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.trust.policy.VerificationException.Reason;
import dev.slipway.trust.testing.ThrowawayPki;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures Slipway never makes, built by hand with BouncyCastle: each must be refused for its own reason. */
class MalformedSignatureTest {

    @TempDir
    static Path shared;
    private static ThrowawayPki pki;

    @BeforeAll
    static void createPki() {
        pki = ThrowawayPki.create(shared.resolve("pki"), "Malformed test");
    }

    @Test
    void refusesBytesThatAreNoSignature() {
        assertRefused(Reason.MALFORMED, CONTENT, "not a signature".getBytes(), KeyRole.IMAGE_SIGNING, pki.trustStore(),
                "not a readable CMS");
        assertRefused(Reason.MALFORMED, CONTENT, new byte[0], KeyRole.IMAGE_SIGNING, pki.trustStore(), "CMS");
    }

    @Test
    void refusesAttachedContentTwoSignersAndAMissingCertificate() throws Exception {
        assertRefused(Reason.MALFORMED, CONTENT, generate(true, 1, true, true), KeyRole.IMAGE_SIGNING, pki.trustStore(),
                "detached");
        assertRefused(Reason.MALFORMED, CONTENT, generate(false, 2, true, true), KeyRole.IMAGE_SIGNING, pki.trustStore(),
                "exactly one");
        assertRefused(Reason.MALFORMED, CONTENT, generate(false, 1, false, true), KeyRole.IMAGE_SIGNING, pki.trustStore(),
                "signer's certificate");
    }

    @Test
    void refusesASignatureWithoutSigningTime() throws Exception {
        assertRefused(Reason.NO_SIGNING_TIME, CONTENT, generate(false, 1, true, false), KeyRole.IMAGE_SIGNING,
                pki.trustStore(), "no signed signing time");
    }

    @Test
    void refusesAFlippedBitInTheSignatureValue() throws Exception {
        byte[] cms = CmsSigner.sign(pki.signingKey(KeyRole.IMAGE_SIGNING), CONTENT, SIGNED_AT);
        SignedData signedData = SignedData.getInstance(ContentInfo.getInstance(cms).getContent());
        SignerInfo signer = SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0));
        byte[] value = signer.getEncryptedDigest().getOctets();
        value[value.length / 2] ^= 0x01;
        SignerInfo damaged = new SignerInfo(signer.getSID(), signer.getDigestAlgorithm(), signer.getAuthenticatedAttributes(),
                signer.getDigestEncryptionAlgorithm(), new DEROctetString(value), signer.getUnauthenticatedAttributes());
        SignedData rebuilt = new SignedData(signedData.getDigestAlgorithms(), signedData.getEncapContentInfo(),
                signedData.getCertificates(), signedData.getCRLs(), new DERSet(damaged));
        byte[] forged = new ContentInfo(CMSObjectIdentifiers.signedData, rebuilt).getEncoded(ASN1Encoding.DER);
        assertRefused(Reason.BAD_SIGNATURE, CONTENT, forged, KeyRole.IMAGE_SIGNING, pki.trustStore(), "does not verify");
    }

    private static byte[] generate(boolean attached, int signers, boolean withCertificates, boolean withSigningTime)
            throws Exception {
        CertifiedKey key = pki.imageSigning();
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        for (int i = 0; i < signers; i++) {
            var builder = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
            if (!withSigningTime) {
                builder.setSignedAttributeGenerator(MalformedSignatureTest::contentTypeAndDigestOnly);
            }
            generator.addSignerInfoGenerator(builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                    .build(key.privateKey()), key.certificate()));
        }
        if (withCertificates) {
            generator.addCertificates(new JcaCertStore(List.of(key.certificate())));
        }
        return generator.generate(new CMSProcessableByteArray(CONTENT), attached).getEncoded(ASN1Encoding.DER);
    }

    private static AttributeTable contentTypeAndDigestOnly(java.util.Map<?, ?> parameters) {
        var table = new org.bouncycastle.asn1.ASN1EncodableVector();
        table.add(new Attribute(CMSAttributes.contentType,
                new DERSet((ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
        table.add(new Attribute(CMSAttributes.messageDigest,
                new DERSet(new DEROctetString((byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST)))));
        return new AttributeTable(table);
    }
}
