package dev.slipway.profile;

import java.util.List;

/** What one file does to one key: gives it a value, or edits the list it holds. */
sealed interface Setting {

    FieldSpec field();

    /** Where the file sets the key. */
    Origin origin();

    /** {@code key = value}: the value typed, checked and, for paths, made absolute. */
    record Assign(FieldSpec field, Object value, Origin origin) implements Setting {
    }

    /**
     * {@code key.add = [...]} and/or {@code key.remove = [...]} on a list field; removes apply first.
     *
     * @param removeOrigin where {@code key.remove} is, for the error when an item is not there
     */
    record Edit(FieldSpec field, Origin origin, List<Object> add, List<Object> remove, Origin removeOrigin)
            implements Setting {
        public Edit {
            add = List.copyOf(add);
            remove = List.copyOf(remove);
        }
    }
}
