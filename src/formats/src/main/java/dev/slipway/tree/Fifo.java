package dev.slipway.tree;

import java.util.Objects;

public record Fifo(Metadata metadata) implements Node {

    public Fifo {
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public FileType type() {
        return FileType.FIFO;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
