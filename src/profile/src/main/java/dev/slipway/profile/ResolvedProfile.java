package dev.slipway.profile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A profile resolved from its chain of files.
 *
 * @param file          the profile asked for (the leaf), absolute and normalized
 * @param chain         every file of the chain, base first and {@code file} last
 * @param profile       the merged, checked values
 * @param resolvedToml  the canonical resolved form: a header comment naming the chain, then every
 *                      key in schema order with defaults filled in and paths relative to the
 *                      leaf's directory. Deterministic byte for byte; a valid profile itself
 * @param profileDigest hex SHA-256 over the chain's file names (relative to the leaf's directory)
 *                      and bytes: changes with any edit to any file of the chain, comments included
 */
public record ResolvedProfile(Path file, List<Path> chain, Profile profile, String resolvedToml, String profileDigest) {

    public ResolvedProfile {
        Objects.requireNonNull(file, "file");
        chain = List.copyOf(chain);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(resolvedToml, "resolvedToml");
        Objects.requireNonNull(profileDigest, "profileDigest");
    }

    /**
     * Hex SHA-256 of {@link #resolvedToml()} in UTF-8: what the image is built from. Unlike the
     * profile digest it ignores comments and layout, but it does name the chain (in the header).
     */
    public String resolvedDigest() {
        return Digests.sha256Hex(resolvedToml.getBytes(StandardCharsets.UTF_8));
    }
}
