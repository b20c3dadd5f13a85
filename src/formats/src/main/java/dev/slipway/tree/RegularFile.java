package dev.slipway.tree;

import java.util.Objects;

public record RegularFile(Metadata metadata, Content content) implements Node {

    public RegularFile {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(content, "content");
    }

    public long size() {
        return content.size();
    }

    @Override
    public FileType type() {
        return FileType.REGULAR;
    }

    /** Identity, as the {@link Node} contract asks: equal files are still separate inodes. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
