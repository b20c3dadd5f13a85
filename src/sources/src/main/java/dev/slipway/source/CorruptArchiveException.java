package dev.slipway.source;

import java.io.IOException;

/**
 * A tarball Slipway cannot read as a whole: truncated, damaged, or not a tar archive at all. (An
 * archive that reads fine but holds an entry Slipway refuses, such as a path with "..", raises
 * {@link dev.slipway.tree.InvalidEntryException} instead.) The message says where the damage is,
 * naming the entry it is in or after, and what to do about it.
 */
public class CorruptArchiveException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String entry;

    public CorruptArchiveException(String entry, String message) {
        this(entry, message, null);
    }

    public CorruptArchiveException(String entry, String message, Throwable cause) {
        super(message, cause);
        this.entry = entry;
    }

    /**
     * The entry the damage is in, or the last good entry before it; {@code null} when it is at
     * the very start of the archive.
     */
    public String entry() {
        return entry;
    }
}
