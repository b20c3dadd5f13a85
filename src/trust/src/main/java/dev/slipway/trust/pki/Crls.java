package dev.slipway.trust.pki;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

/** Reading CRLs and making the next one: what revoking a certificate means for a CA's CRL. */
public final class Crls {

    private Crls() {
    }

    /** The CRL number extension's value, or zero for a CRL without one. */
    public static BigInteger number(X509CRL crl) {
        byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (extension == null) {
            return BigInteger.ZERO;
        }
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getValue();
    }

    /** Every entry of a CRL, in its order. */
    public static List<RevokedSerial> entries(X509CRL crl) {
        List<RevokedSerial> entries = new ArrayList<>();
        Set<? extends X509CRLEntry> revoked = crl.getRevokedCertificates();
        if (revoked != null) {
            revoked.forEach(entry -> entries.add(new RevokedSerial(entry.getSerialNumber(),
                    entry.getRevocationDate().toInstant())));
        }
        return entries;
    }

    /**
     * The CRL that follows {@code previous}: the next number, its entries kept, each serial of {@code serials}
     * not yet listed added as revoked at {@code now}. Valid from {@code now} until the CA's end.
     */
    public static X509CRL next(CertificateAuthority authority, X509CRL previous, List<BigInteger> serials, Instant now) {
        List<RevokedSerial> entries = entries(previous);
        for (BigInteger serial : serials) {
            if (entries.stream().noneMatch(entry -> entry.serial().equals(serial))) {
                entries.add(new RevokedSerial(serial, now));
            }
        }
        return authority.issueCrl(number(previous).add(BigInteger.ONE), entries, now,
                authority.certificate().getNotAfter().toInstant());
    }
}
