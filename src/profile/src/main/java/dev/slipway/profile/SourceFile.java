package dev.slipway.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * One profile file as read: its path as reached from the caller's (for messages), the same path
 * absolute and normalized (for resolving the paths it names), its bytes (for the digest), the tree
 * Jackson parsed and where each key is.
 */
record SourceFile(Path path, Path absolute, byte[] bytes, ObjectNode tree, PositionIndex index) {

    /** The directory relative paths in this file are resolved against. */
    Path directory() {
        return absolute.getParent();
    }

    /** Where {@code key} is defined in this file (line 0 if it is not). */
    Origin at(String key) {
        return new Origin(path, index.line(key));
    }
}
