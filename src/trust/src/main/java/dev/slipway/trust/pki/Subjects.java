package dev.slipway.trust.pki;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Distinguished names Slipway puts into certificates: an organisation and a common name. */
public final class Subjects {

    /**
     * The organisation of the development keys. It says what they are in every place a subject shows up
     * (openssl output, verifier messages), so nobody mistakes them for release keys.
     */
    public static final String DEVELOPMENT_ORGANIZATION = "Slipway development keys (NOT FOR PRODUCTION)";

    private Subjects() {
    }

    /** {@code O=organization, CN=commonName}, encoded as UTF8String like openssl does. */
    public static X500Name of(String organization, String commonName) {
        if (organization.isBlank() || commonName.isBlank()) {
            throw new IllegalArgumentException("a subject needs a non-empty organisation and common name, got O='"
                    + organization + "' CN='" + commonName + "'");
        }
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** The organisation (O) of a certificate's subject, or empty text when it has none. */
    public static String organization(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] rdns = name.getRDNs(BCStyle.O);
        return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
