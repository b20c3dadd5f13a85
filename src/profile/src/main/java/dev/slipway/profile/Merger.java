package dev.slipway.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a chain of layers by the rules in docs/profiles.md: the base first, then each overlay
 * on top; keys merge one by one (tables recursively), scalars and {@code key = [...]} replace,
 * {@code key.add}/{@code key.remove} edit the list so far; a discriminator ({@code source.kind})
 * that changes drops everything earlier files put in its table. After each file, defaults fill the
 * keys no file set yet, so overlays edit the resolved profile so far.
 *
 * <p>Then checks what only the merged whole can tell: keys set for another kind, and required keys
 * that are missing.
 */
final class Merger {

    private final Map<String, Merged.Value> values = new LinkedHashMap<>();
    private final Map<String, Origin> tables = new LinkedHashMap<>();

    private Merger() {
    }

    static Merged merge(List<Layer> chain) throws ProfileException {
        Merger merger = new Merger();
        for (Layer layer : chain) {
            merger.dropChangedKinds(Schema.ROOT, "", layer);
            merger.tables.putAll(layer.tables());
            merger.apply(Schema.ROOT, "", layer);
            merger.fillDefaults(Schema.ROOT, "");
        }
        merger.check(Schema.ROOT, "", chain.getLast().file().path());
        return new Merged(merger.values, merger.tables);
    }

    private void dropChangedKinds(TableSpec spec, String path, Layer layer) {
        if (spec.discriminator() != null) {
            String kindKey = TomlText.child(path, spec.discriminator());
            Merged.Value current = values.get(kindKey);
            if (layer.settings().get(kindKey) instanceof Setting.Assign set && current != null
                    && !current.value().equals(set.value())) {
                String prefix = path + ".";
                values.keySet().removeIf(key -> key.startsWith(prefix));
                tables.keySet().removeIf(key -> key.startsWith(prefix));
            }
        }
        for (TableSpec table : spec.tables()) {
            dropChangedKinds(table, TomlText.child(path, table.name()), layer);
        }
    }

    private void apply(TableSpec spec, String path, Layer layer) throws ProfileException {
        for (FieldSpec field : spec.fields()) {
            String key = TomlText.child(path, field.name());
            Setting setting = layer.settings().get(key);
            if (!field.inherited() || setting == null) {
                continue;
            }
            switch (setting) {
                case Setting.Assign set -> values.put(key, new Merged.Value(set.value(), set.origin()));
                case Setting.Edit edit -> values.put(key, edited(key, edit));
            }
        }
        for (TableSpec table : spec.tables()) {
            apply(table, TomlText.child(path, table.name()), layer);
        }
    }

    private Merged.Value edited(String key, Setting.Edit edit) throws ProfileException {
        Merged.Value current = values.get(key);
        List<Object> list = new ArrayList<>(current == null ? List.of() : (List<?>) current.value());
        for (Object item : edit.remove()) {
            if (!list.removeIf(item::equals)) {
                throw new ProfileException(edit.removeOrigin(), key, "cannot remove " + show(item) + " from '" + key
                        + "': it is not in the list, which is " + show(list));
            }
        }
        for (Object item : edit.add()) {
            if (!list.contains(item)) {
                list.add(item);
            }
        }
        return new Merged.Value(List.copyOf(list), edit.origin());
    }

    private void fillDefaults(TableSpec spec, String path) {
        String kind = kindOf(spec, path);
        for (FieldSpec field : spec.fields()) {
            if (field.inherited() && field.defaultValue() != null && field.appliesTo(kind)) {
                values.putIfAbsent(TomlText.child(path, field.name()),
                        new Merged.Value(field.defaultValue(), Origin.DEFAULT));
            }
        }
        for (TableSpec table : spec.tables()) {
            fillDefaults(table, TomlText.child(path, table.name()));
        }
    }

    private void check(TableSpec spec, String path, Path leaf) throws ProfileException {
        if (spec.discriminator() != null && kindOf(spec, path) == null) {
            throw missing(TomlText.child(path, spec.discriminator()), path, leaf, "");
        }
        String kind = kindOf(spec, path);
        for (FieldSpec field : spec.fields()) {
            String key = TomlText.child(path, field.name());
            Merged.Value value = values.get(key);
            if (value != null && !field.appliesTo(kind)) {
                String kindKey = TomlText.child(path, spec.discriminator());
                throw new ProfileException(value.origin(), key, "'" + key + "' does not apply when " + kindKey + " = "
                        + TomlText.basicString(kind) + "; it is for " + String.join(", ", field.kinds()));
            }
        }
        for (FieldSpec field : spec.fields()) {
            String key = TomlText.child(path, field.name());
            if (field.inherited() && field.required() && field.appliesTo(kind) && !values.containsKey(key)) {
                String when = field.kinds().isEmpty() ? "" : " (required when "
                        + TomlText.child(path, spec.discriminator()) + " = " + TomlText.basicString(kind) + ")";
                throw missing(key, path, leaf, when);
            }
        }
        for (TableSpec table : spec.tables()) {
            check(table, TomlText.child(path, table.name()), leaf);
        }
    }

    /** Points at the table's start in the last file that has it, else at the leaf with no line. */
    private ProfileException missing(String key, String table, Path leaf, String when) {
        Origin where = tables.getOrDefault(table, new Origin(leaf, 0));
        return new ProfileException(where, key, "missing required key '" + key + "'" + when);
    }

    private String kindOf(TableSpec spec, String path) {
        if (spec.discriminator() == null) {
            return null;
        }
        Merged.Value kind = values.get(TomlText.child(path, spec.discriminator()));
        return kind == null ? null : (String) kind.value();
    }

    private static String show(Object item) {
        if (item instanceof List<?> list) {
            List<String> shown = new ArrayList<>();
            list.forEach(i -> shown.add(show(i)));
            return "[" + String.join(", ", shown) + "]";
        }
        return TomlText.basicString(item.toString());
    }
}
