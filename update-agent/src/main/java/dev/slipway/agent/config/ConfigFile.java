package dev.slipway.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One agent.toml being read: its path (for messages), where its keys are, and the checks every table's reader
 * makes on a value (type, known key, rule), each failing with an {@link AgentConfigException} at the key's line.
 */
record ConfigFile(Path path, KeyLines lines) {

    AgentConfigException error(String key, String problem) {
        return new AgentConfigException(path, lines.line(key), key, problem, null);
    }

    /** Refuses any key of {@code table} (at {@code tablePath}) not in {@code known}, suggesting the nearest. */
    void onlyKnownKeys(ObjectNode table, String tablePath, List<String> known, String what)
            throws AgentConfigException {
        for (var property : table.properties()) {
            String name = property.getKey();
            if (!known.contains(name)) {
                String key = KeyLines.child(tablePath, name);
                throw new AgentConfigException(path, lines.line(key), key, "unknown key '" + key + "'; " + what
                        + " takes " + String.join(", ", known), nearest(name, known));
            }
        }
    }

    String string(JsonNode value, String key) throws AgentConfigException {
        if (!value.isTextual()) {
            throw wrongType(key, "a string", value);
        }
        return value.textValue();
    }

    boolean bool(JsonNode value, String key) throws AgentConfigException {
        if (!value.isBoolean()) {
            throw wrongType(key, "true or false", value);
        }
        return value.booleanValue();
    }

    AgentConfigException wrongType(String key, String expected, JsonNode found) {
        return error(key, "wrong type for '" + key + "': expected " + expected + ", found " + describe(found));
    }

    /** Applies a rule; its refusal is reported at {@code key}, a path whose last segment is the rule's key. */
    <T> T checked(String key, Supplier<T> rule) throws AgentConfigException {
        try {
            return rule.get();
        } catch (InvalidSettingException e) {
            throw error(key, e.problem(key));
        }
    }

    /** The TOML type of a value, as messages name it. */
    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        } else if (value.isIntegralNumber()) {
            return "an integer";
        } else if (value.isNumber()) {
            return "a float";
        } else if (value.isBoolean()) {
            return "a boolean";
        } else if (value.isArray()) {
            return "an array";
        } else if (value.isObject()) {
            return "a table";
        } else if (value.isPojo()) {
            return "a date or time";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** The known key closest to a misspelt one, if close enough to be a typo (a third of its length). */
    static String nearest(String name, List<String> known) {
        String best = null;
        int bestDistance = Math.max(1, name.length() / 3) + 1;
        for (String candidate : known) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance, with a swap of neighbours counted as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int substitute = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(substitute, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
