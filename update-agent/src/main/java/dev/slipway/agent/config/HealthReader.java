package dev.slipway.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads agent.toml's {@code [[health]]} tables: each has a unique name, a kind, exactly the one field its kind
 * needs ({@code unit}, {@code url} or {@code command}) and optionally a deadline.
 */
final class HealthReader {

    static final List<String> KEYS = List.of("name", "kind", "unit", "url", "command", "deadline");
    /** The field each kind needs, by kind, in the order messages list them. */
    private static final Map<String, String> FIELD_OF_KIND = Map.of("unit", "unit", "http", "url",
            "command", "command");
    private static final List<String> KINDS = List.of("unit", "http", "command");

    private HealthReader() {
    }

    static List<HealthCheckConfig> read(ConfigFile file, JsonNode health) throws AgentConfigException {
        if (!(health instanceof ArrayNode tables)) {
            throw file.wrongType("health", "an array of tables, each written [[health]]", health);
        }
        List<HealthCheckConfig> checks = new ArrayList<>();
        Map<String, String> firstByName = new HashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            String at = KeyLines.element("health", i);
            if (!(tables.get(i) instanceof ObjectNode table)) {
                throw file.wrongType(at, "a table ([[health]])", tables.get(i));
            }
            HealthCheckConfig check = check(file, at, table);
            String earlier = firstByName.putIfAbsent(check.name(), at);
            if (earlier != null) {
                String key = KeyLines.child(at, "name");
                throw file.error(key, "'" + key + "': the name \"" + check.name() + "\" is already used by " + earlier
                        + " (line " + file.lines().line(KeyLines.child(earlier, "name")) + "); names must be unique");
            }
            checks.add(check);
        }
        return List.copyOf(checks);
    }

    private static HealthCheckConfig check(ConfigFile file, String at, ObjectNode table)
            throws AgentConfigException {
        file.onlyKnownKeys(table, at, KEYS, "a [[health]] table");
        String name = file.string(require(file, at, table, "name", "1 to 64 of a-z, 0-9, '_' and '-'"),
                KeyLines.child(at, "name"));
        String kindKey = KeyLines.child(at, "kind");
        String kind = file.string(require(file, at, table, "kind", "one of \"unit\", \"http\", \"command\""), kindKey);
        if (!KINDS.contains(kind)) {
            throw file.error(kindKey, new InvalidSettingException("kind", kind, "one of \"unit\", \"http\", "
                    + "\"command\"").problem(kindKey));
        }
        String field = FIELD_OF_KIND.get(kind);
        for (String other : FIELD_OF_KIND.values()) {
            if (!other.equals(field) && table.has(other)) {
                String key = KeyLines.child(at, other);
                throw file.error(key, "'" + key + "' does not belong to a check of kind \"" + kind + "\", which takes '"
                        + field + "' (and name, kind, deadline)");
            }
        }
        JsonNode value = require(file, at, table, field, "what a check of kind \"" + kind + "\" needs");
        String fieldKey = KeyLines.child(at, field);
        String deadlineKey = KeyLines.child(at, "deadline");
        Duration deadline = table.has("deadline")
                ? duration(file, deadlineKey, file.string(table.get("deadline"), deadlineKey))
                : HealthCheckConfig.DEFAULT_DEADLINE;
        try {
            return switch (kind) {
                case "unit" -> new HealthCheckConfig.UnitCheck(name, file.string(value, fieldKey), deadline);
                case "http" -> {
                    String url = file.string(value, fieldKey);
                    yield new HealthCheckConfig.HttpCheck(name, file.checked(fieldKey, () -> ConfigRules.httpUrl(url)),
                            deadline);
                }
                default -> new HealthCheckConfig.CommandCheck(name, argv(file, fieldKey, value), deadline);
            };
        } catch (InvalidSettingException e) {
            String key = KeyLines.child(at, e.key());
            throw file.error(key, e.problem(key));
        }
    }

    private static JsonNode require(ConfigFile file, String at, ObjectNode table, String key, String what)
            throws AgentConfigException {
        JsonNode value = table.get(key);
        if (value == null) {
            // No line of its own: report it at the table's [[health]] header.
            throw new AgentConfigException(file.path(), file.lines().line(at), KeyLines.child(at, key),
                    at + " has no '" + key + "': " + what, null);
        }
        return value;
    }

    private static Duration duration(ConfigFile file, String key, String text) throws AgentConfigException {
        Duration deadline = file.checked(key, () -> ConfigRules.duration("deadline", text));
        file.checked(key, () -> {
            ConfigRules.checkDeadline(deadline);
            return deadline;
        });
        return deadline;
    }

    private static List<String> argv(ConfigFile file, String key, JsonNode value) throws AgentConfigException {
        if (!(value instanceof ArrayNode array)) {
            throw file.wrongType(key, "an array of strings (the program's absolute path, then its arguments)", value);
        }
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            argv.add(file.string(array.get(i), KeyLines.element(key, i)));
        }
        return argv;
    }
}
