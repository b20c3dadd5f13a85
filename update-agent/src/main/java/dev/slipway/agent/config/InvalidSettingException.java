package dev.slipway.agent.config;

/**
 * A setting of agent.toml, or of a configuration built in code, that breaks a rule: which key, the value as
 * written (when one applies) and what is allowed. {@link AgentConfigs#load} turns it into an
 * {@link AgentConfigException} with the file and line; built in code, it surfaces as is.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String key;
    private final String value;
    private final String allowed;

    /**
     * @param key     the key, relative to its table ({@code url} in a health check)
     * @param value   the value as written, or {@code null} when the problem is not one value's
     * @param allowed what the key accepts, phrased to follow "must be" or, without a value, to stand alone
     */
    public InvalidSettingException(String key, String value, String allowed) {
        super(problem(key, value, allowed));
        this.key = key;
        this.value = value;
        this.allowed = allowed;
    }

    /** The key, relative to its table. */
    public String key() {
        return key;
    }

    /** The problem, naming the key as {@code keyPath} ({@code health[1].url}). */
    public String problem(String keyPath) {
        return problem(keyPath, value, allowed);
    }

    private static String problem(String key, String value, String allowed) {
        if (value == null) {
            return "'" + key + "': " + allowed;
        }
        return "invalid value " + quote(value) + " for '" + key + "': must be " + allowed;
    }

    /** {@code value} as a TOML basic string, so control characters and quotes show. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
