package dev.slipway.tree;

import java.util.Objects;

/** A symbolic link. Its target is stored as given and never followed while building. */
public record Symlink(Metadata metadata, String target) implements Node {

    /** Linux PATH_MAX less the terminating NUL. */
    public static final int MAX_TARGET_BYTES = 4095;

    public Symlink {
        Objects.requireNonNull(metadata, "metadata");
        int length = Names.utf8Length(target);
        if (length == 0 || length > MAX_TARGET_BYTES || target.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("symlink target must be 1.." + MAX_TARGET_BYTES + " bytes without NUL");
        }
    }

    @Override
    public FileType type() {
        return FileType.SYMLINK;
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
