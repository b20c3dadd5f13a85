package dev.slipway.trust.pki;

import java.math.BigInteger;
import java.time.Instant;

/** One entry of a CRL: the serial number a CA revoked and when it says it did. */
public record RevokedSerial(BigInteger serial, Instant revokedAt) {
}
