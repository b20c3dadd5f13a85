package dev.slipway.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one file's Jackson tree into a {@link Layer} by walking it alongside the schema: unknown
 * keys, wrong types and values a key's {@link Check} refuses are reported here, at the line the
 * file sets them. Whether a key suits the source kind, and whether required keys are there, can
 * only be known after merging ({@link Merger}).
 */
final class LayerReader {

    private static final String ADD = "add";
    private static final String REMOVE = "remove";

    private final SourceFile file;
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Map<String, Origin> tables = new LinkedHashMap<>();

    private LayerReader(SourceFile file) {
        this.file = file;
    }

    static Layer read(SourceFile file) throws ProfileException {
        LayerReader reader = new LayerReader(file);
        reader.table(Schema.ROOT, "", file.tree());
        return new Layer(file, reader.settings, reader.tables);
    }

    private void table(TableSpec spec, String path, ObjectNode node) throws ProfileException {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            String key = TomlText.child(path, name);
            JsonNode value = entry.getValue();
            Optional<TableSpec> table = spec.table(name);
            Optional<FieldSpec> field = spec.field(name);
            if (table.isPresent()) {
                if (!(value instanceof ObjectNode object)) {
                    throw wrongType(key, "a table", describe(value));
                }
                tables.put(key, file.at(key));
                table(table.get(), key, object);
            } else if (field.isPresent()) {
                settings.put(key, setting(field.get(), key, value));
            } else {
                throw new ProfileException(file.path(), file.index().line(key), key, "unknown key '" + key + "'",
                        Suggestions.nearest(name, spec.keyNames()));
            }
        }
    }

    private Setting setting(FieldSpec field, String key, JsonNode value) throws ProfileException {
        if (field.type().isList() && value instanceof ObjectNode edit) {
            return edit(field, key, edit);
        }
        return new Setting.Assign(field, typed(field, key, value), file.at(key));
    }

    /** {@code key.add} / {@code key.remove}, written as dotted keys, a sub-table or an inline table. */
    private Setting edit(FieldSpec field, String key, ObjectNode edit) throws ProfileException {
        List<Object> add = List.of();
        List<Object> remove = List.of();
        for (Map.Entry<String, JsonNode> entry : edit.properties()) {
            String opKey = TomlText.child(key, entry.getKey());
            switch (entry.getKey()) {
                case ADD -> add = list(field, opKey, entry.getValue());
                case REMOVE -> remove = list(field, opKey, entry.getValue());
                default -> throw new ProfileException(file.path(), file.index().line(opKey), opKey,
                        "unknown key '" + opKey + "': a list is edited with '" + ADD + "' and '" + REMOVE + "'",
                        Suggestions.nearest(entry.getKey(), List.of(ADD, REMOVE)));
            }
        }
        return new Setting.Edit(field, file.at(key), add, remove, file.at(TomlText.child(key, REMOVE)));
    }

    private Object typed(FieldSpec field, String key, JsonNode value) throws ProfileException {
        return switch (field.type()) {
            case STRING -> checked(field, key, string(field, key, value));
            case INTEGER -> checked(field, key, integer(field, key, value));
            case PATH -> path(key, string(field, key, value));
            case STRING_LIST, PATH_LIST -> list(field, key, value);
        };
    }

    private List<Object> list(FieldSpec field, String key, JsonNode value) throws ProfileException {
        if (!(value instanceof ArrayNode array)) {
            throw wrongType(key, field.type().description(), describe(value));
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual()) {
                throw wrongType(key, field.type().description(),
                        "an array holding " + describe(item) + " (item " + (i + 1) + ")");
            }
            String text = item.textValue();
            items.add(field.type().isPath() ? path(key, text) : checked(field, key, text));
        }
        return List.copyOf(items);
    }

    private String string(FieldSpec field, String key, JsonNode value) throws ProfileException {
        if (!value.isTextual()) {
            throw wrongType(key, field.type().description(), describe(value));
        }
        return value.textValue();
    }

    private Long integer(FieldSpec field, String key, JsonNode value) throws ProfileException {
        if (!value.isIntegralNumber()) {
            throw wrongType(key, field.type().description(), describe(value));
        }
        if (!value.canConvertToLong()) {
            throw invalid(key, value.asText(), "an integer that fits in 64 bits");
        }
        return value.longValue();
    }

    private Path path(String key, String raw) throws ProfileException {
        if (raw.isEmpty()) {
            throw invalid(key, raw, "a path, not empty");
        }
        try {
            return file.directory().resolve(raw).normalize();
        } catch (InvalidPathException e) {
            throw invalid(key, raw, "a valid path (" + e.getReason() + ")");
        }
    }

    private Object checked(FieldSpec field, String key, Object value) throws ProfileException {
        if (!field.check().accepts().test(value)) {
            String shown = value instanceof String s ? s : value.toString();
            throw invalid(key, shown, field.check().allowed());
        }
        return value;
    }

    private ProfileException wrongType(String key, String expected, String found) {
        return new ProfileException(file.at(key), key,
                "wrong type for '" + key + "': expected " + expected + ", found " + found);
    }

    private ProfileException invalid(String key, String value, String allowed) {
        return new ProfileException(file.at(key), key,
                "invalid value " + TomlText.basicString(value) + " for '" + key + "': must be " + allowed);
    }

    /** The TOML type of a parsed value, as an error message names it. */
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
}
