package dev.slipway.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One table of the profile schema: its keys and sub-tables in the order the resolved form writes
 * them. A table with a discriminator ({@code source.kind}) is a tagged union: keys may be limited
 * to some of its values, and an overlay that changes it replaces the whole table.
 *
 * @param name          the table's own name; "" for the document root
 * @param discriminator the name of the key that selects the kind, or {@code null}
 */
record TableSpec(String name, String discriminator, List<FieldSpec> fields, List<TableSpec> tables) {

    TableSpec {
        fields = List.copyOf(fields);
        tables = List.copyOf(tables);
        if (discriminator != null && fields.stream().noneMatch(f -> f.name().equals(discriminator))) {
            throw new IllegalArgumentException(name + ": discriminator " + discriminator + " is not one of its keys");
        }
    }

    static TableSpec of(String name, FieldSpec... fields) {
        return new TableSpec(name, null, List.of(fields), List.of());
    }

    TableSpec discriminatedBy(String key) {
        return new TableSpec(name, key, fields, tables);
    }

    TableSpec withTables(TableSpec... subTables) {
        return new TableSpec(name, discriminator, fields, List.of(subTables));
    }

    Optional<FieldSpec> field(String key) {
        return fields.stream().filter(f -> f.name().equals(key)).findFirst();
    }

    Optional<TableSpec> table(String key) {
        return tables.stream().filter(t -> t.name().equals(key)).findFirst();
    }

    /** Every key allowed directly in this table, for suggestions. */
    List<String> keyNames() {
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.name()));
        tables.forEach(t -> names.add(t.name()));
        return names;
    }

    /** The field at a full key path under this table ({@code path} being this table's own), if any. */
    Optional<FieldSpec> fieldAt(String path, String key) {
        for (FieldSpec field : fields) {
            if (TomlText.child(path, field.name()).equals(key)) {
                return Optional.of(field);
            }
        }
        for (TableSpec table : tables) {
            Optional<FieldSpec> found = table.fieldAt(TomlText.child(path, table.name()), key);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
