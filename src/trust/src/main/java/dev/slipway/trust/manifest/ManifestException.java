package dev.slipway.trust.manifest;

/** A manifest that cannot be read: not JSON, not canonical, or a field missing or malformed. */
public final class ManifestException extends Exception {

    public ManifestException(String message) {
        super(message);
    }
}
