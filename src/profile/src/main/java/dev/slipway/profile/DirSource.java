package dev.slipway.profile;

import java.nio.file.Path;
import java.util.Objects;

/** A root filesystem read from a directory. */
public record DirSource(Path path) implements Source {

    public DirSource {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String kind() {
        return Schema.DIR;
    }
}
