package dev.slipway.profile;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain merged into one set of values, checked complete: every key by full path, with the value
 * of the {@link FieldType}'s Java type and where it was set (the file and line of the last setting,
 * {@link Origin#DEFAULT} for a default).
 *
 * @param tables where each table starts in the last file of the chain that has it
 */
record Merged(Map<String, Value> values, Map<String, Origin> tables) {

    record Value(Object value, Origin origin) {
    }

    Merged {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    String string(String key) {
        return (String) required(key);
    }

    /** The value of an optional key, or {@code null} when it is not set. */
    String nullableString(String key) {
        Value value = values.get(key);
        return value == null ? null : (String) value.value();
    }

    /** The value of an optional key, or {@code null} when it is not set. */
    Long nullableLong(String key) {
        Value value = values.get(key);
        return value == null ? null : (Long) value.value();
    }

    Path path(String key) {
        return (Path) required(key);
    }

    <T> List<T> list(String key, Class<T> type) {
        return ((List<?>) required(key)).stream().map(type::cast).toList();
    }

    private Object required(String key) {
        Value value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("merged profile has no " + key
                    + ", which the schema makes required or gives a default");
        }
        return value.value();
    }
}
