package dev.slipway.tree;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

public record RegularFile(Metadata metadata, Content content) implements Node {

    public RegularFile {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(content, "content");
    }

    public long size() {
        return content.size();
    }

    /**
     * The whole content in memory, for the small files a build reads (status files, scripts,
     * programs for the initrd). Callers bound the size they accept before calling.
     */
    public byte[] readAllBytes() throws IOException {
        if (size() > Integer.MAX_VALUE - 16) {
            throw new IOException("a file of " + size() + " bytes does not fit in memory");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size());
        content.read(0, buffer);
        return buffer.array();
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
