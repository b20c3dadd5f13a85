package dev.slipway.agent.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The line each key of a TOML document is first defined on, which Jackson's TOML tree does not keep. Keys are
 * spelled as {@link #child} and {@link #element} spell them: {@code health[1].command[0]}, the elements of an
 * array of tables ({@code [[health]]}) and of a value array numbered from 0. Enough of TOML is followed that no
 * string, comment or multi-line value is mistaken for a key; text it cannot follow is skipped to the end of its
 * line and left to Jackson to report.
 *
 * <p>It also finds a key defined twice, which Jackson reports only at a later line.
 */
final class KeyLines {

    /** A key defined on {@code line} that was already defined on {@code firstLine}. */
    record Duplicate(String key, int line, int firstLine) {
    }

    private final TomlCursor in;
    private final Map<String, Integer> lines = new HashMap<>();
    private final Set<String> values = new HashSet<>();
    private final Set<String> headers = new HashSet<>();
    private final Map<String, Integer> arrayTables = new HashMap<>();
    private Duplicate duplicate;

    private KeyLines(String text) {
        this.in = new TomlCursor(text);
    }

    static KeyLines of(String text) {
        KeyLines scan = new KeyLines(text);
        scan.document();
        return scan;
    }

    /** The line {@code key} is first defined on, or 0 when the document does not define it. */
    int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    /** The first key the document defines twice. */
    Optional<Duplicate> duplicate() {
        return Optional.ofNullable(duplicate);
    }

    /** {@code parent.name}: the name bare when TOML allows it bare, else quoted. */
    static String child(String parent, String name) {
        String segment = name.matches("[A-Za-z0-9_-]+") ? name : InvalidSettingException.quote(name);
        return parent.isEmpty() ? segment : parent + "." + segment;
    }

    /** Element {@code index} of the array {@code key}. */
    static String element(String key, int index) {
        return key + "[" + index + "]";
    }

    private void document() {
        String table = "";
        while (true) {
            in.blanks();
            if (in.atEnd()) {
                return;
            }
            if (in.peek() == '[') {
                String header = header();
                table = header == null ? table : header;
            } else {
                keyValue(table);
            }
            in.toLineEnd();
        }
    }

    /** {@code [a.b]} or {@code [[a]]}: the path keys below it are defined under, or null when malformed. */
    private String header() {
        int at = in.line();
        boolean array = in.startsWith("[[");
        in.advance(array ? 2 : 1);
        List<String> names = in.dottedKey();
        in.spaces();
        String close = array ? "]]" : "]";
        if (names == null || !in.startsWith(close)) {
            return null;
        }
        in.advance(close.length());
        String path = "";
        for (int i = 0; i < names.size(); i++) {
            path = child(path, names.get(i));
            boolean last = i == names.size() - 1;
            if (last && array) {
                define(path, at, false);
                path = element(path, arrayTables.merge(path, 1, Integer::sum) - 1);
                define(path, at, false);
            } else if (arrayTables.containsKey(path)) {
                path = element(path, arrayTables.get(path) - 1);
            } else {
                define(path, at, false);
                if (last && !headers.add(path) && duplicate == null) {
                    duplicate = new Duplicate(path, at, lines.get(path));
                }
            }
        }
        return path;
    }

    private void keyValue(String table) {
        int at = in.line();
        List<String> names = in.dottedKey();
        if (names == null) {
            return;
        }
        String path = table;
        for (int i = 0; i < names.size(); i++) {
            path = child(path, names.get(i));
            define(path, at, i == names.size() - 1);
        }
        in.spaces();
        if (!in.atEnd() && in.peek() == '=') {
            in.advance(1);
            in.spaces();
            value(path);
        }
    }

    private void value(String path) {
        if (in.atEnd()) {
            return;
        }
        char c = in.peek();
        if (in.startsWith("\"\"\"") || in.startsWith("'''")) {
            in.multiLineString();
        } else if (c == '"' || c == '\'') {
            in.string();
        } else if (c == '[') {
            array(path);
        } else if (c == '{') {
            inlineTable(path);
        } else {
            in.scalar();
        }
    }

    private void array(String path) {
        in.advance(1);
        int index = 0;
        while (true) {
            in.blanks();
            if (in.atEnd()) {
                return;
            }
            char c = in.peek();
            if (c == ']' || c == ',') {
                in.advance(1);
                if (c == ']') {
                    return;
                }
            } else {
                String element = element(path, index++);
                define(element, in.line(), true);
                stepOver(() -> value(element));
            }
        }
    }

    /** {@code {a = 1, b = 2}}, which TOML keeps on one line. */
    private void inlineTable(String path) {
        in.advance(1);
        while (true) {
            in.spaces();
            if (in.atEnd() || in.peek() == '\n') {
                return;
            }
            char c = in.peek();
            in.advance(c == '}' || c == ',' ? 1 : 0);
            if (c == '}') {
                return;
            } else if (c != ',') {
                stepOver(() -> keyValue(path));
            }
        }
    }

    /** Runs {@code step}, then moves on by one character if it read none, so malformed text cannot stall. */
    private void stepOver(Runnable step) {
        int before = in.position();
        step.run();
        if (in.position() == before) {
            in.advance(1);
        }
    }

    private void define(String path, int at, boolean value) {
        Integer first = lines.putIfAbsent(path, at);
        boolean clash = first != null && (value || values.contains(path));
        if (clash && duplicate == null) {
            duplicate = new Duplicate(path, at, first);
        }
        if (value) {
            values.add(path);
        }
    }
}
