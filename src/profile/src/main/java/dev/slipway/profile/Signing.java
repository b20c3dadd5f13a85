package dev.slipway.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code [signing]} table: which key signs the image's manifest.
 *
 * @param kind        "development" (Slipway's development keys, never for production), "file" (a
 *                    PEM private key) or "pkcs11" (a key in a token)
 * @param key         for "file" the key file's absolute path, for "pkcs11" the token URI (RFC
 *                    7512); {@code null} for "development"
 * @param certificate the signer's certificate (PEM), or {@code null} for "development"
 * @param chain       intermediate certificates to include in the signature, issuer order
 */
public record Signing(String kind, String key, Path certificate, List<Path> chain) {

    public static final Signing DEVELOPMENT = new Signing(Schema.SIGNING_DEVELOPMENT, null, null, List.of());

    public Signing {
        Objects.requireNonNull(kind, "kind");
        chain = List.copyOf(chain);
    }

    public boolean isDevelopment() {
        return kind.equals(Schema.SIGNING_DEVELOPMENT);
    }
}
