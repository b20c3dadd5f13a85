package dev.slipway.profile;

import dev.slipway.profile.PositionIndex.Entry;
import dev.slipway.profile.PositionIndex.Kind;
import dev.slipway.profile.PositionIndex.Redefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line scanner over TOML text that finds where keys are defined. It understands what could hide
 * or fake a key: table and array-of-table headers, dotted and quoted keys, comments, basic and
 * literal strings (single- and multi-line), arrays spanning lines and inline tables. It never
 * fails: on text it cannot follow it skips to the next line and lets Jackson report the error.
 */
final class TomlScanner {

    private final String text;
    private final int end;
    private int pos;
    private int line = 1;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** How many elements each array of tables has so far, by its path without an index. */
    private final Map<String, Integer> arrayLengths = new HashMap<>();
    private Redefinition redefinition;

    TomlScanner(String text) {
        this.text = text;
        this.end = text.length();
    }

    PositionIndex scan() {
        String table = "";
        while (pos < end) {
            skipSpaces();
            if (pos >= end) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                newline();
                continue;
            }
            if (c == '#') {
                skipToLineEnd();
                continue;
            }
            if (c == '[') {
                String header = header();
                if (header != null) {
                    table = header;
                }
            } else {
                keyValue(table, 0);
            }
            skipToLineEnd();
        }
        return new PositionIndex(entries, redefinition);
    }

    /** {@code [a.b]} or {@code [[a.b]]}; returns the table path keys below it live under. */
    private String header() {
        int at = line;
        boolean array = text.startsWith("[[", pos);
        pos += array ? 2 : 1;
        List<String> segments = keySegments();
        skipSpaces();
        String close = array ? "]]" : "]";
        if (segments == null || !text.startsWith(close, pos)) {
            return null;
        }
        pos += close.length();
        String path = "";
        for (int i = 0; i < segments.size(); i++) {
            path = TomlText.child(path, segments.get(i));
            define(path, at, Kind.TABLE);
            if (array && i == segments.size() - 1) {
                int index = arrayLengths.merge(path, 1, Integer::sum) - 1;
                path = TomlText.element(path, index);
                define(path, at, Kind.TABLE);
            } else if (arrayLengths.containsKey(path)) {
                path = TomlText.element(path, arrayLengths.get(path) - 1);
            }
        }
        return path;
    }

    /**
     * {@code key = value} under {@code prefix}. Keys are defined at the current line, or at
     * {@code inlineLine} when inside an inline table that opened there.
     */
    private void keyValue(String prefix, int inlineLine) {
        int at = inlineLine > 0 ? inlineLine : line;
        List<String> segments = keySegments();
        if (segments == null) {
            return;
        }
        String path = prefix;
        for (int i = 0; i < segments.size(); i++) {
            path = TomlText.child(path, segments.get(i));
            define(path, at, i < segments.size() - 1 ? Kind.TABLE : Kind.VALUE);
        }
        skipSpaces();
        if (pos < end && text.charAt(pos) == '=') {
            pos++;
            skipSpaces();
            value(path);
        }
    }

    private void value(String path) {
        if (pos >= end) {
            return;
        }
        char c = text.charAt(pos);
        if (text.startsWith("\"\"\"", pos) || text.startsWith("'''", pos)) {
            multiLineString(c);
        } else if (c == '"' || c == '\'') {
            string();
        } else if (c == '[') {
            array(path);
        } else if (c == '{') {
            inlineTable(path);
        } else {
            // Numbers, booleans, dates (which may hold a space): up to a delimiter.
            while (pos < end && "\n,]}#".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
        }
    }

    private void array(String path) {
        int[] index = {0};
        delimited(']', () -> value(TomlText.element(path, index[0]++)));
    }

    private void inlineTable(String path) {
        int at = line;
        delimited('}', () -> keyValue(path, at));
    }

    /** Elements separated by commas up to {@code close}; the opening bracket is at pos. */
    private void delimited(char close, Runnable element) {
        pos++;
        while (true) {
            skipBlanksAndComments();
            if (pos >= end) {
                return;
            }
            char c = text.charAt(pos);
            if (c == close) {
                pos++;
                return;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            int before = pos;
            element.run();
            if (pos == before) {
                pos++;
            }
        }
    }

    /** {@code a."b.c".'d'}: the segments unquoted, or null if no key starts here. */
    private List<String> keySegments() {
        List<String> segments = new ArrayList<>();
        while (true) {
            skipSpaces();
            String segment = keySegment();
            if (segment == null) {
                return null;
            }
            segments.add(segment);
            skipSpaces();
            if (pos >= end || text.charAt(pos) != '.') {
                return segments;
            }
            pos++;
        }
    }

    private String keySegment() {
        if (pos >= end) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            return string();
        }
        int start = pos;
        while (pos < end && TomlText.isBareKeyChar(text.charAt(pos))) {
            pos++;
        }
        return pos > start ? text.substring(start, pos) : null;
    }

    /** A one-line basic or literal string, decoded; stops before a newline if unterminated. */
    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder value = new StringBuilder();
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '\n') {
                break;
            }
            pos++;
            if (c == quote) {
                break;
            }
            if (c == '\\' && quote == '"' && pos < end) {
                escape(value);
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private void escape(StringBuilder value) {
        char c = text.charAt(pos++);
        switch (c) {
            case 'b' -> value.append('\b');
            case 't' -> value.append('\t');
            case 'n' -> value.append('\n');
            case 'f' -> value.append('\f');
            case 'r' -> value.append('\r');
            case 'u', 'U' -> {
                int digits = c == 'u' ? 4 : 8;
                try {
                    value.appendCodePoint(Integer.parseInt(text.substring(pos, Math.min(end, pos + digits)), 16));
                    pos += digits;
                } catch (IllegalArgumentException e) {
                    value.append(c);
                }
            }
            default -> value.append(c);
        }
    }

    /** A {@code """} or {@code '''} string, whose lines must not be read as keys. */
    private void multiLineString(char quote) {
        String delimiter = String.valueOf(quote).repeat(3);
        pos += 3;
        while (pos < end) {
            if (text.startsWith(delimiter, pos)) {
                pos += 3;
                // Up to two more quotes right before the closing ones are content: """a""""
                for (int extra = 0; extra < 2 && pos < end && text.charAt(pos) == quote; extra++) {
                    pos++;
                }
                return;
            }
            char c = text.charAt(pos);
            if (c == '\\' && quote == '"' && pos + 1 < end) {
                pos++;
                c = text.charAt(pos);
            }
            if (c == '\n') {
                line++;
            }
            pos++;
        }
    }

    private void define(String path, int at, Kind kind) {
        Entry existing = entries.putIfAbsent(path, new Entry(at, kind));
        boolean clash = existing != null && (existing.kind() == Kind.VALUE || kind == Kind.VALUE);
        if (clash && redefinition == null) {
            redefinition = new Redefinition(path, at, existing.line());
        }
    }

    private void skipSpaces() {
        while (pos < end && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private void skipBlanksAndComments() {
        while (pos < end) {
            skipSpaces();
            if (pos >= end) {
                return;
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                newline();
            } else if (c == '#') {
                skipToLineEnd();
            } else {
                return;
            }
        }
    }

    private void skipToLineEnd() {
        while (pos < end && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void newline() {
        pos++;
        line++;
    }
}
