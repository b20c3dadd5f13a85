package dev.slipway.agent.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * How patient a {@link RepositoryClient} is.
 *
 * @param connectTimeout how long making a connection may take (TCP and TLS)
 * @param requestTimeout how long the server may take, once a request is sent, to answer with its status line
 *                       and headers; the body is bounded by {@code stallTimeout} instead, because a large range
 *                       on a slow link legitimately takes long
 * @param stallTimeout   how long a body may go without a single byte arriving before the transfer is abandoned
 * @param userAgent      the {@code User-Agent} header, so repository operators can tell agents apart in their logs
 */
public record FetchSettings(Duration connectTimeout, Duration requestTimeout, Duration stallTimeout, String userAgent) {

    /** Validates every value: positive durations, a user agent that is one printable line. */
    public FetchSettings {
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(stallTimeout, "stallTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("userAgent must be printable ASCII on one line, not \"" + userAgent
                    + "\"");
        }
    }

    /** Connect 10 s, response headers 30 s, stall 30 s, user agent {@link #defaultUserAgent()}. */
    public static FetchSettings defaults() {
        return new FetchSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
                defaultUserAgent());
    }

    /**
     * {@code slipway-agent/VERSION}, the version from the agent jar's manifest ({@code development} when run from
     * classes).
     */
    public static String defaultUserAgent() {
        String version = FetchSettings.class.getPackage().getImplementationVersion();
        return "slipway-agent/" + (version == null ? "development" : version);
    }

    /** These settings with another stall timeout. */
    public FetchSettings withStallTimeout(Duration stall) {
        return new FetchSettings(connectTimeout, requestTimeout, stall, userAgent);
    }

    /** These settings with another response-header timeout. */
    public FetchSettings withRequestTimeout(Duration request) {
        return new FetchSettings(connectTimeout, request, stallTimeout, userAgent);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
