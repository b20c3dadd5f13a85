package dev.slipway.agent.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules agent.toml's values follow, in one place: the loader applies them to what a file says (and adds the
 * line), the records apply them again to what code builds. Each throws {@link InvalidSettingException} naming
 * the key and what is allowed.
 */
final class ConfigRules {

    static final Duration MIN_CHECK_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_DEADLINE = HealthCheckConfig.MAX_DEADLINE;
    static final Duration MIN_DEADLINE = Duration.ofSeconds(1);

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern CHECK_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9:_.@\\\\-]{1,255}");
    private static final Set<String> UNIT_TYPES = Set.of("service", "socket", "device", "mount", "automount", "swap",
            "target", "path", "timer", "slice", "scope");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final String HTTP_ALLOWED = "an http URL on this node (host 127.0.0.1, [::1] or localhost), "
            + "such as \"http://127.0.0.1:10248/healthz\"";
    private static final Pattern METRICS = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[0-9.]+|localhost):([0-9]{1,5})");

    private ConfigRules() {
    }

    static URI repository(String text) {
        String allowed = "an absolute http, https or file URI, such as \"https://updates.example.com/slipway\"";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("repository", text, allowed + " (" + e.getReason() + ")");
        }
        checkRepository(uri);
        return uri;
    }

    static void checkRepository(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = switch (scheme) {
            case "http", "https" -> uri.getHost() != null && uri.getUserInfo() == null;
            case "file" -> uri.getPath() != null && uri.getPath().startsWith("/") && uri.getAuthority() == null;
            default -> false;
        };
        if (!ok || uri.getFragment() != null || uri.getQuery() != null) {
            throw new InvalidSettingException("repository", uri.toString(), "an absolute http, https or file URI "
                    + "without user, query or fragment, such as \"https://updates.example.com/slipway\" or "
                    + "\"file:///srv/slipway\"");
        }
    }

    static void checkChannel(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new InvalidSettingException("channel", channel, "1 to 64 of a-z, 0-9, '.', '_' and '-', "
                    + "starting with a letter or digit, such as \"stable\"");
        }
    }

    /** An absolute path; {@code what} says what it names ("a PEM file of trusted root certificates"). */
    static Path absolutePath(String key, String text, String what) {
        try {
            Path path = Path.of(text);
            checkAbsolute(key, path, what);
            return path;
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(key, text, "an absolute path to " + what);
        }
    }

    static void checkAbsolute(String key, Path path, String what) {
        if (!path.isAbsolute() || !path.normalize().equals(path)) {
            throw new InvalidSettingException(key, path.toString(), "an absolute path to " + what
                    + ", without '.' or '..'");
        }
    }

    static Duration duration(String key, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, text, "a duration (" + e.getMessage() + ")");
        }
    }

    static void checkSchedule(Duration interval, Duration jitter) {
        if (interval.compareTo(MIN_CHECK_INTERVAL) < 0) {
            throw new InvalidSettingException("check-interval", shown(interval), "at least \"1m\"");
        }
        if (jitter.isNegative() || jitter.compareTo(interval) >= 0) {
            throw new InvalidSettingException("check-jitter", shown(jitter),
                    "less than check-interval (\"" + shown(interval) + "\")");
        }
    }

    /** A duration as agent.toml would write it, or in ISO form when it cannot (code may build any). */
    private static String shown(Duration duration) {
        boolean writable = !duration.isNegative() && duration.getNano() == 0;
        return writable ? Durations.format(duration) : duration.toString();
    }

    /** {@code "off"} or a loopback address and port. */
    static Optional<InetSocketAddress> metrics(String text) {
        String allowed = "\"off\" or a loopback IP address and port, such as \"127.0.0.1:9477\" or \"[::1]:9477\"";
        if (text.equals("off")) {
            return Optional.empty();
        }
        var m = METRICS.matcher(text);
        if (!m.matches()) {
            throw new InvalidSettingException("metrics", text, allowed);
        }
        String host = m.group(1);
        int port = Integer.parseInt(m.group(2));
        InetAddress address = host.equals("localhost") ? InetAddress.getLoopbackAddress() : literal(host);
        if (address == null || port < 1 || port > 65_535) {
            throw new InvalidSettingException("metrics", text, allowed);
        }
        InetSocketAddress socket = new InetSocketAddress(address, port);
        checkMetrics(Optional.of(socket));
        return Optional.of(socket);
    }

    static void checkMetrics(Optional<InetSocketAddress> metrics) {
        metrics.ifPresent(a -> {
            if (a.isUnresolved() || !a.getAddress().isLoopbackAddress()) {
                throw new InvalidSettingException("metrics", a.getHostString() + ":" + a.getPort(), "a loopback "
                        + "address (127.0.0.0/8 or ::1): the metrics are for the node's own collector, not the network");
            }
        });
    }

    /** An IP literal without a name lookup, or null. */
    private static InetAddress literal(String host) {
        boolean v6 = host.startsWith("[");
        if (!v6 && !IPV4.matcher(host).matches()) {
            return null;
        }
        try {
            // getByName does no lookup for a literal; the patterns above let only literals through.
            return InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static void checkCheckName(String name) {
        if (!CHECK_NAME.matcher(name).matches()) {
            throw new InvalidSettingException("name", name, "1 to 64 of a-z, 0-9, '_' and '-', starting with "
                    + "a letter or digit, such as \"kubelet\"");
        }
    }

    static void checkDeadline(Duration deadline) {
        if (deadline.compareTo(MIN_DEADLINE) < 0 || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new InvalidSettingException("deadline", shown(deadline), "between \"1s\" and \"10m\", "
                    + "so that the health unit's own timeout (12 minutes) ends after every check");
        }
    }

    static void checkUnit(String unit) {
        int dot = unit.lastIndexOf('.');
        String type = dot < 0 ? "" : unit.substring(dot + 1);
        if (!UNIT.matcher(unit).matches() || unit.startsWith("-") || dot <= 0 || !UNIT_TYPES.contains(type)) {
            throw new InvalidSettingException("unit", unit, "a systemd unit name with its type, such as "
                    + "\"kubelet.service\"");
        }
        if (unit.equals("boot-complete.target") || unit.equals("slipway-agent-health.service")) {
            throw new InvalidSettingException("unit", unit, "a unit that can become active before "
                    + "boot-complete.target; this one waits for the health checks, so the check could never pass");
        }
    }

    static URI httpUrl(String text) {
        try {
            URI uri = new URI(text);
            checkHttpUrl(uri);
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("url", text, HTTP_ALLOWED + " (" + e.getReason() + ")");
        }
    }

    static void checkHttpUrl(URI url) {
        String host = url.getHost();
        // URI keeps an IPv6 host in brackets, as literal() expects it.
        boolean loopback = host != null
                && (host.equals("localhost") || literal(host) instanceof InetAddress a && a.isLoopbackAddress());
        if (!"http".equals(url.getScheme()) || !loopback || url.getUserInfo() != null || url.getFragment() != null) {
            throw new InvalidSettingException("url", url.toString(), HTTP_ALLOWED);
        }
    }

    static void checkCommand(List<String> argv) {
        if (argv.isEmpty()) {
            throw new InvalidSettingException("command", null, "must name a program: an array of strings whose "
                    + "first is the program's absolute path, such as [\"/usr/bin/crictl\", \"info\"]");
        }
        if (!argv.getFirst().startsWith("/")) {
            throw new InvalidSettingException("command", argv.getFirst(), "an array whose first string is the "
                    + "program's absolute path (no search of PATH at boot), such as [\"/usr/bin/crictl\", \"info\"]");
        }
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) {
                throw new InvalidSettingException("command", arg, "strings without NUL characters");
            }
        }
    }
}
