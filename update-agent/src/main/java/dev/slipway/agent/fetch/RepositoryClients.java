package dev.slipway.agent.fetch;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Makes the {@link RepositoryClient} for a repository's base URI. */
public final class RepositoryClients {

    private RepositoryClients() {
    }

    /**
     * A client for the repository at {@code base}: {@code http://} or {@code https://} (HTTP/1.1, with the
     * settings' timeouts) or {@code file:///} (a local directory; the settings do not apply). Paths are resolved
     * below the base, which is taken as a directory whether or not it ends with {@code /}.
     *
     * @throws IllegalArgumentException for another scheme, a relative URI, or one with a query, fragment or
     *                                  user information
     */
    public static RepositoryClient open(URI base, FetchSettings settings) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(settings, "settings");
        if (!base.isAbsolute() || base.isOpaque()) {
            throw refused(base, "it is not an absolute URI like https://updates.example.com/slipway/");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw refused(base, "it has a query or a fragment");
        }
        if (base.getRawUserInfo() != null) {
            throw refused(base, "it carries user information, which the agent does not send");
        }
        String scheme = base.getScheme().toLowerCase(Locale.ROOT);
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        URI directory = URI.create(base.toString() + (path.endsWith("/") ? "" : "/"));
        return switch (scheme) {
            case "http", "https" -> {
                if (base.getHost() == null) {
                    throw refused(base, "it names no host");
                }
                yield new HttpRepositoryClient(directory, settings);
            }
            case "file" -> {
                if (base.getAuthority() != null) {
                    throw refused(base, "a file URI names a local directory: file:///path, without a host");
                }
                yield new FileRepositoryClient(Path.of(directory));
            }
            default -> throw refused(base, "the agent reads repositories over http, https or file only");
        };
    }

    private static IllegalArgumentException refused(URI base, String why) {
        return new IllegalArgumentException("Repository URI " + base + " is refused: " + why + ".");
    }
}
