package dev.slipway.source;

import dev.slipway.tree.Timestamp;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to read a source.
 *
 * @param clampTo newest mtime allowed in the tree (newer ones become this, for reproducible
 *     builds), or {@code null} to keep every mtime as the source has it
 * @param spoolDirectory where a tarball's file contents are spooled; must exist. The spool file
 *     is created there with owner-only permissions and deleted when the {@link LoadedTree} closes
 * @param warnings receives one line for each thing the source held that the tree will not (a
 *     socket, a GNU volume label, dropped ACLs); {@code null} discards them
 */
public record SourceOptions(Timestamp clampTo, Path spoolDirectory, Consumer<String> warnings) {

    public SourceOptions {
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (warnings == null) {
            warnings = warning -> {
            };
        }
    }

    /** No clamping, warnings discarded. */
    public static SourceOptions spoolingTo(Path spoolDirectory) {
        return new SourceOptions(null, spoolDirectory, null);
    }

    public SourceOptions withClampTo(Timestamp time) {
        return new SourceOptions(time, spoolDirectory, warnings);
    }

    public SourceOptions withWarnings(Consumer<String> sink) {
        return new SourceOptions(clampTo, spoolDirectory, sink);
    }
}
