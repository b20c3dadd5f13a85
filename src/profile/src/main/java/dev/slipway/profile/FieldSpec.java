package dev.slipway.profile;

import java.util.List;
import java.util.Objects;

/**
 * One key of the profile schema. Everything about a key lives here, so that validation, merging,
 * defaults and the resolved form all follow from the schema table rather than from code per key.
 *
 * @param required     whether a resolved profile must have it (when it applies to the kind)
 * @param defaultValue the value a resolved profile gets when no file sets it, or {@code null} for
 *                     none; of the Java type {@link FieldType} names; no path but an empty list
 * @param kinds        the values of the table's discriminator this key is valid for; empty for all
 * @param inherited    false for keys that belong to one file only ({@code extends}): they are
 *                     neither merged nor written to the resolved form
 */
record FieldSpec(String name, FieldType type, boolean required, Object defaultValue, Check check,
        List<String> kinds, boolean inherited) {

    FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(check, "check");
        kinds = List.copyOf(kinds);
        if (defaultValue != null && type.isPath() && !List.of().equals(defaultValue)) {
            throw new IllegalArgumentException(name + ": a default path would have no file to be relative to");
        }
    }

    static FieldSpec of(String name, FieldType type) {
        return new FieldSpec(name, type, false, null, Check.ANY, List.of(), true);
    }

    FieldSpec asRequired() {
        return new FieldSpec(name, type, true, defaultValue, check, kinds, inherited);
    }

    FieldSpec withDefault(Object value) {
        return new FieldSpec(name, type, required, value, check, kinds, inherited);
    }

    FieldSpec withCheck(Check rule) {
        return new FieldSpec(name, type, required, defaultValue, rule, kinds, inherited);
    }

    FieldSpec onlyFor(String... discriminatorValues) {
        return new FieldSpec(name, type, required, defaultValue, check, List.of(discriminatorValues), inherited);
    }

    FieldSpec perFile() {
        return new FieldSpec(name, type, required, defaultValue, check, kinds, false);
    }

    /** Whether the key is valid when the table's discriminator is {@code kind} ({@code null}: not set). */
    boolean appliesTo(String kind) {
        return kinds.isEmpty() || kind != null && kinds.contains(kind);
    }
}
