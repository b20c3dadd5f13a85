package dev.slipway.profile;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A profile Slipway refuses, with where the problem is: the file, the line (1-based; 0 when no
 * line applies or the TOML parser gave none), the key path ({@code source.packages}; empty when
 * the problem is not about one key) and, for a misspelt key, the nearest valid one.
 *
 * <p>{@link #getMessage()} is one line in the form compilers use, so editors can jump to it:
 * {@code image-profiles/debug.toml:7: unknown key 'source.pakages'; did you mean 'packages'?}
 */
public final class ProfileException extends Exception {

    private final Path file;
    private final int line;
    private final String key;
    private final String problem;
    private final String suggestion;

    /**
     * @param file       the profile file, as reached from the path given to {@link Profiles#resolve}
     * @param suggestion a key to suggest instead, or {@code null}
     */
    public ProfileException(Path file, int line, String key, String problem, String suggestion) {
        super(format(file, line, problem, suggestion));
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
        this.suggestion = suggestion;
    }

    ProfileException(Origin where, String key, String problem) {
        this(where.file(), where.line(), key, problem, null);
    }

    private static String format(Path file, int line, String problem, String suggestion) {
        return file + (line > 0 ? ":" + line : "") + ": " + problem
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?");
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The dotted key path the problem is about, or "" (a syntax error, a file that cannot be read). */
    public String key() {
        return key;
    }

    /** The problem alone, without file, line or suggestion. */
    public String problem() {
        return problem;
    }

    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }
}
