package dev.slipway.profile;

/**
 * The TOML type of a schema field and the Java type it is held as after loading: {@code String},
 * {@code Long}, an absolute normalized {@code Path}, or an immutable list of strings or paths.
 * Paths are written as strings relative to the file that sets them.
 */
enum FieldType {
    STRING("a string"),
    INTEGER("an integer"),
    PATH("a string (a path)"),
    STRING_LIST("a list of strings"),
    PATH_LIST("a list of strings (paths)");

    private final String description;

    FieldType(String description) {
        this.description = description;
    }

    /** "a list of strings", as error messages say what was expected. */
    String description() {
        return description;
    }

    /** Lists are the types overlays can edit with {@code key.add} and {@code key.remove}. */
    boolean isList() {
        return this == STRING_LIST || this == PATH_LIST;
    }

    boolean isPath() {
        return this == PATH || this == PATH_LIST;
    }
}
