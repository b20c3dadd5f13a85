package dev.slipway.trust.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one JSON object of a manifest, naming the full field path in every error
 * ("artifacts[2].sha256 is missing"), so a reviewer knows where a bad manifest is bad.
 */
final class Fields {

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern HEX = Pattern.compile("^([0-9a-f]{2})*$");

    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static Fields of(JsonNode node, String path) throws ManifestException {
        if (node == null || !node.isObject()) {
            throw new ManifestException((path.isEmpty() ? "the manifest" : path) + " must be a JSON object");
        }
        return new Fields(node, path);
    }

    Fields object(String name) throws ManifestException {
        return of(required(name), name(name));
    }

    Fields optionalObject(String name) throws ManifestException {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : of(value, name(name));
    }

    List<Fields> objects(String name) throws ManifestException {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new ManifestException(name(name) + " must be a list");
        }
        List<Fields> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(of(value.get(i), name(name) + "[" + i + "]"));
        }
        return items;
    }

    String text(String name) throws ManifestException {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw new ManifestException(name(name) + " must be a string");
        }
        return value.textValue();
    }

    String optionalText(String name) throws ManifestException {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : text(name);
    }

    String matching(String name, Pattern pattern, String what) throws ManifestException {
        String value = text(name);
        if (!pattern.matcher(value).matches()) {
            throw new ManifestException(name(name) + " is \"" + value + "\", not " + what);
        }
        return value;
    }

    String sha256(String name) throws ManifestException {
        return matching(name, SHA256, "a SHA-256 digest in lowercase hex");
    }

    String hex(String name) throws ManifestException {
        return matching(name, HEX, "lowercase hex");
    }

    long natural(String name) throws ManifestException {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new ManifestException(name(name) + " must be a whole number, 0 or more");
        }
        return value.longValue();
    }

    Map<String, String> textMap(String name) throws ManifestException {
        Fields map = object(name);
        Map<String, String> values = new LinkedHashMap<>();
        for (var field : map.node.properties()) {
            values.put(field.getKey(), map.text(field.getKey()));
        }
        return values;
    }

    /** Refuses fields this format does not define: a signed statement nobody reads is a trap. */
    Fields only(String... names) throws ManifestException {
        List<String> known = List.of(names);
        for (var field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw new ManifestException(name(field.getKey()) + " is not a field this Slipway knows; refusing a"
                        + " manifest it cannot fully check (use a newer Slipway)");
            }
        }
        return this;
    }

    static String checkSha256(String value, String what) {
        if (!SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " \"" + value + "\" is not a SHA-256 digest in lowercase hex");
        }
        return value;
    }

    static String checkHex(String value, String what) {
        if (!HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " \"" + value + "\" is not lowercase hex");
        }
        return HexFormat.of().formatHex(HexFormat.of().parseHex(value));
    }

    private JsonNode required(String name) throws ManifestException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new ManifestException(name(name) + " is missing");
        }
        return value;
    }

    private String name(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
