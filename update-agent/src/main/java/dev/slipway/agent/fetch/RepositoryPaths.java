package dev.slipway.agent.fetch;

/**
 * The paths a {@link RepositoryClient} accepts: relative, {@code /}-separated, made of letters, digits and
 * {@code - . _ ~ +} only, no empty, {@code .} or {@code ..} segment. That keeps every request inside the
 * repository's base on any server and in a local directory alike, and needs no URL encoding: {@code ..},
 * absolute paths, empty segments, backslashes and percent signs (which a server might decode into any of
 * them), query and fragment characters are all refused.
 */
public final class RepositoryPaths {

    /** Longer paths are refused; the repository's own names are far shorter. */
    public static final int MAX_LENGTH = 1024;

    private RepositoryPaths() {
    }

    /**
     * Returns {@code path} if a client may request it.
     *
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    public static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw refused(String.valueOf(path), "it is empty");
        }
        if (path.length() > MAX_LENGTH) {
            throw refused(path.substring(0, 40) + "...", "it is longer than " + MAX_LENGTH + " characters");
        }
        if (path.charAt(0) == '/') {
            throw refused(path, "it is absolute");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!allowed(c)) {
                String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
                throw refused(path, "it contains " + shown
                        + " (allowed: letters, digits, - . _ ~ + and / between names)");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                throw refused(path, "it has an empty segment (\"//\" or a trailing \"/\")");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw refused(path, "it has a \"" + segment + "\" segment");
            }
        }
        return path;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static IllegalArgumentException refused(String path, String why) {
        return new IllegalArgumentException("Repository path \"" + path + "\" is refused: " + why
                + ". Paths are relative to the repository's base, like channels/stable.json; this is a bug in the"
                + " caller or metadata that should have been refused when it was read.");
    }
}
