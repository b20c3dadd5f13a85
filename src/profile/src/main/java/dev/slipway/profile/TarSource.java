package dev.slipway.profile;

import java.nio.file.Path;
import java.util.Objects;

/** A root filesystem read from a tarball (plain or compressed). */
public record TarSource(Path path) implements Source {

    public TarSource {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String kind() {
        return Schema.TAR;
    }
}
