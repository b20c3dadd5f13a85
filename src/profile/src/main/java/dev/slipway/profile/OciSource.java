package dev.slipway.profile;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A root filesystem taken from an OCI image layout.
 *
 * @param reference the {@code org.opencontainers.image.ref.name} of the manifest to use, or
 *                  {@code null} when the profile does not name one
 */
public record OciSource(Path path, String reference) implements Source {

    public OciSource {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String kind() {
        return Schema.OCI;
    }
}
