package dev.slipway.trust.pki;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A certificate's notBefore and notAfter, whole seconds (what X.509 time encodings carry). Always given
 * explicitly: nothing in this package reads the clock, so the same inputs make the same certificates.
 */
public record Validity(Instant notBefore, Instant notAfter) {

    /**
     * Development material: from 2000 to RFC 5280's "no well-defined expiration date" (99991231235959Z),
     * so checks at any plausible signing time pass and the material never needs renewing.
     */
    public static final Validity DEVELOPMENT = new Validity(Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59Z"));

    public Validity {
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("validity ends (" + notAfter + ") before it starts (" + notBefore
                    + "): give a notAfter later than the notBefore");
        }
    }

    /** Whether {@code time} lies within notBefore..notAfter, both inclusive (RFC 5280, 4.1.2.5). */
    public boolean contains(Instant time) {
        return !time.isBefore(notBefore) && !time.isAfter(notAfter);
    }
}
