package dev.slipway.tree;

import java.io.IOException;

/**
 * An input entry Slipway refuses: a path that could escape the tree's root, a link to nowhere, an
 * entry that contradicts an earlier one. The message names the entry and says why.
 */
public class InvalidEntryException extends IOException {

    private final String entry;
    private final String reason;

    public InvalidEntryException(String entry, String reason) {
        super("entry '" + entry + "': " + reason);
        this.entry = entry;
        this.reason = reason;
    }

    /** The entry's name as the source spelled it. */
    public String entry() {
        return entry;
    }

    /** Why the entry is refused: the message without the entry's name. */
    public String reason() {
        return reason;
    }
}
