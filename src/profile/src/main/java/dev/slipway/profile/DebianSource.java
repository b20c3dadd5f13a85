package dev.slipway.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A root filesystem bootstrapped from Debian packages with mmdebstrap.
 *
 * @param variant        mmdebstrap's variant (minbase by default)
 * @param customizeHooks scripts mmdebstrap runs as customize hooks, in order
 */
public record DebianSource(String suite, String variant, String architecture, List<String> components,
        List<String> packages, List<Path> customizeHooks) implements Source {

    public DebianSource {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(architecture, "architecture");
        components = List.copyOf(components);
        packages = List.copyOf(packages);
        customizeHooks = List.copyOf(customizeHooks);
    }

    @Override
    public String kind() {
        return Schema.DEBIAN;
    }
}
