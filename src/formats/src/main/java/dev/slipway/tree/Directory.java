package dev.slipway.tree;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A directory: its own metadata and its entries, sorted by {@link Names#BYTE_ORDER}. Never contains
 * "." or ".."; writers add those. Immutable once built (see {@link TreeBuilder}).
 */
public final class Directory implements Node {

    private final Metadata metadata;
    private final NavigableMap<String, Node> entries;

    public Directory(Metadata metadata, java.util.Map<String, Node> entries) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        TreeMap<String, Node> sorted = new TreeMap<>(Names.BYTE_ORDER);
        sorted.putAll(entries);
        this.entries = Collections.unmodifiableNavigableMap(sorted);
    }

    @Override
    public Metadata metadata() {
        return metadata;
    }

    @Override
    public FileType type() {
        return FileType.DIRECTORY;
    }

    /** Entries by name in byte order. */
    public NavigableMap<String, Node> entries() {
        return entries;
    }

    /** Number of subdirectories, which with "." and the parent's entry gives the link count. */
    public int subdirectoryCount() {
        int n = 0;
        for (Node child : entries.values()) {
            if (child instanceof Directory) {
                n++;
            }
        }
        return n;
    }
}
