package dev.slipway.agent.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An agent.toml the agent refuses, with where the problem is: the file, the line (1-based; 0 when no one line
 * holds the problem, such as a missing key), the key ({@code health[1].url}; empty for a syntax error or a file
 * that cannot be decoded) and, for a misspelt key, the nearest valid one.
 *
 * <p>{@link #getMessage()} is one line in the form compilers use, which editors jump to:
 * {@code /etc/slipway/agent.toml:4: unknown key 'chanel'; did you mean 'channel'?}
 */
public final class AgentConfigException extends Exception {

    private final Path file;
    private final int line;
    private final String key;
    private final String problem;
    private final String suggestion;

    /** @param suggestion a key to suggest instead, or {@code null} */
    public AgentConfigException(Path file, int line, String key, String problem, String suggestion) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
        this.suggestion = suggestion;
    }

    public Path file() {
        return file;
    }

    /** The line, 1-based, or 0 when no one line holds the problem. */
    public int line() {
        return line;
    }

    /** The key the problem is about ({@code check-jitter}, {@code health[0].url}), or "". */
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
