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
 * @param spoolDirectory where a tarball's or an image's file contents are spooled; must exist.
 *     The spool file is created there with owner-only permissions and deleted when the
 *     {@link LoadedTree} closes
 * @param warnings receives one line for each thing the source held that the tree will not (a
 *     socket, a GNU volume label, dropped ACLs); {@code null} discards them
 * @param reference for an OCI image layout, the image to read: the value of an
 *     {@code org.opencontainers.image.ref.name} annotation in its {@code index.json} (a tag such
 *     as "latest", or whatever name the tool that wrote the layout put there); {@code null} when
 *     the layout holds a single image. Giving one for a source that is not an OCI layout is an error
 */
public record SourceOptions(Timestamp clampTo, Path spoolDirectory, Consumer<String> warnings, String reference) {

    public SourceOptions {
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (warnings == null) {
            warnings = warning -> {
            };
        }
        if (reference != null && reference.isEmpty()) {
            throw new IllegalArgumentException("an image reference must not be empty");
        }
    }

    /** Options without an image reference. */
    public SourceOptions(Timestamp clampTo, Path spoolDirectory, Consumer<String> warnings) {
        this(clampTo, spoolDirectory, warnings, null);
    }

    /** No clamping, warnings discarded. */
    public static SourceOptions spoolingTo(Path spoolDirectory) {
        return new SourceOptions(null, spoolDirectory, null, null);
    }

    public SourceOptions withClampTo(Timestamp time) {
        return new SourceOptions(time, spoolDirectory, warnings, reference);
    }

    public SourceOptions withWarnings(Consumer<String> sink) {
        return new SourceOptions(clampTo, spoolDirectory, sink, reference);
    }

    /** Selects the image of an OCI layout by its {@code org.opencontainers.image.ref.name}; {@code null} for none. */
    public SourceOptions withReference(String name) {
        return new SourceOptions(clampTo, spoolDirectory, warnings, name);
    }
}
