package dev.slipway.trust.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A private key and the certificate for its public key: what a CA hands out for a key it generated. */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {
}
