package dev.slipway.profile;

/**
 * Spelling of TOML keys and strings, shared by the position index (which names keys the way a
 * reader would write them) and the resolved-profile writer.
 */
final class TomlText {

    private TomlText() {
    }

    /** A key TOML allows unquoted: ASCII letters, digits, '-' and '_'. */
    static boolean isBareKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!isBareKeyChar(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isBareKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** The key as one segment of a dotted path: bare when allowed, else a basic string. */
    static String key(String key) {
        return isBareKey(key) ? key : basicString(key);
    }

    /** {@code parent.key}, or just the key at the top level. */
    static String child(String parent, String key) {
        return parent.isEmpty() ? key(key) : parent + "." + key(key);
    }

    /** The path of one element of an array of tables: {@code parent[index]}. */
    static String element(String array, int index) {
        return array + "[" + index + "]";
    }

    /** A TOML basic string: double quotes, with backslash escapes for quotes, backslashes and controls. */
    static String basicString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
