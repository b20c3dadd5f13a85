package dev.slipway.erofs;

import dev.slipway.tree.Timestamp;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * What an image records besides the tree. The writer never reads a clock or a random source: the
 * caller derives both values (from SOURCE_DATE_EPOCH and a hash of the inputs, say), so that the
 * same tree and the same options always give the same bytes.
 *
 * @param buildTime  the superblock's build time. Inodes whose mtime equals it exactly (seconds and
 *                   nanoseconds) are stored in the 32-byte compact form, which has no time field.
 * @param uuid       the filesystem UUID, stored in RFC 4122 byte order
 * @param volumeName at most {@value #MAX_VOLUME_NAME_BYTES} bytes of UTF-8, without NUL; may be empty
 */
public record ErofsOptions(Timestamp buildTime, UUID uuid, String volumeName) {

    public static final int MAX_VOLUME_NAME_BYTES = 16;

    public ErofsOptions {
        Objects.requireNonNull(buildTime, "buildTime");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(volumeName, "volumeName");
        if (volumeName.getBytes(StandardCharsets.UTF_8).length > MAX_VOLUME_NAME_BYTES || volumeName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("volume name '" + volumeName + "' must be at most "
                    + MAX_VOLUME_NAME_BYTES + " bytes of UTF-8 without NUL");
        }
    }
}
