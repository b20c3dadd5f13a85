package dev.slipway.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key of one TOML document was defined. Jackson's TOML tree keeps no positions, so
 * {@link TomlScanner} reads the raw text once more, just far enough to know which line every key
 * (by its full dotted path, spelled as {@link TomlText#child} spells it) was first defined on.
 *
 * <p>Keys of tables ({@code [a.b]} headers, the {@code a} of a dotted {@code a.b = 1}, elements
 * {@code arr[0]} of {@code [[arr]]}) are {@link Kind#TABLE}; keys given a value, inline tables
 * included, are {@link Kind#VALUE}. Keys inside an inline table map to the line its brace opens on.
 */
final class PositionIndex {

    enum Kind { TABLE, VALUE }

    /** The first definition of a key. */
    record Entry(int line, Kind kind) {
    }

    /**
     * A key defined twice where TOML forbids it (a value set again, or a value turned into a table
     * or back). Jackson reports these lines late, after the blank lines that follow; this is exact.
     */
    record Redefinition(String key, int line, int firstLine) {
    }

    private final Map<String, Entry> entries;
    private final Redefinition redefinition;

    PositionIndex(Map<String, Entry> entries, Redefinition redefinition) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.redefinition = redefinition;
    }

    static PositionIndex of(String text) {
        return new TomlScanner(text).scan();
    }

    /** The line {@code key} was first defined on, 1-based, or 0 when the document does not define it. */
    int line(String key) {
        Entry entry = entries.get(key);
        return entry == null ? 0 : entry.line();
    }

    /** Every key in the order first met. */
    Map<String, Entry> entries() {
        return entries;
    }

    /** The first key defined twice, if any. */
    Optional<Redefinition> redefinition() {
        return Optional.ofNullable(redefinition);
    }
}
