package dev.slipway.profile;

import java.util.Objects;

/**
 * The {@code [image]} table: what the built image is called and which version it is.
 *
 * @param name        matches {@code ^[a-z0-9][a-z0-9-]{0,62}$}: it ends up in file names and
 *                    partition labels
 * @param version     matches {@code ^[0-9A-Za-z][0-9A-Za-z.+_~-]{0,63}$}
 * @param description free text, "" when not given
 * @param epoch       SOURCE_DATE_EPOCH for the build in seconds (&gt;= 0), or {@code null} when the
 *                    profile does not pin it
 * @param compatibility what an agent checks before installing the image, or {@code null} for the
 *                    builder's default ({@code slipway/NAME/ARCH})
 * @param securityVersion the anti-rollback counter (&gt;= 0): an agent never installs a lower one than
 *                    it runs
 */
public record Image(String name, String version, String description, Long epoch, String compatibility,
                    long securityVersion) {

    public Image {
        require("name", name, Schema.IMAGE_NAME);
        require("version", version, Schema.IMAGE_VERSION);
        Objects.requireNonNull(description, "description");
        if (epoch != null && epoch < 0) {
            throw new IllegalArgumentException("image epoch " + epoch + " is negative");
        }
        if (compatibility != null) {
            require("compatibility", compatibility, Schema.COMPATIBILITY);
        }
        if (securityVersion < 0) {
            throw new IllegalArgumentException("image security-version " + securityVersion + " is negative");
        }
    }

    /** The same image with another version, as a command-line override gives it. */
    public Image withVersion(String newVersion) {
        return new Image(name, newVersion, description, epoch, compatibility, securityVersion);
    }

    private static void require(String what, String value, Check check) {
        Objects.requireNonNull(value, what);
        if (!check.accepts().test(value)) {
            throw new IllegalArgumentException("image " + what + " " + TomlText.basicString(value)
                    + " is not allowed: it must be " + check.allowed());
        }
    }
}
