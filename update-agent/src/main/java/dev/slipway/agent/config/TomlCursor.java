package dev.slipway.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A position in TOML text and the lexical pieces {@link KeyLines} steps over: spaces, comments, line ends, keys
 * (bare, quoted, dotted) and strings (one-line and multi-line), counting lines as it goes.
 */
final class TomlCursor {

    private final String text;
    private final int end;
    private int pos;
    private int line = 1;

    TomlCursor(String text) {
        this.text = text;
        this.end = text.length();
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The character here; only when not {@link #atEnd}. */
    char peek() {
        return text.charAt(pos);
    }

    boolean startsWith(String prefix) {
        return text.startsWith(prefix, pos);
    }

    void advance(int chars) {
        for (int i = 0; i < chars && pos < end; i++) {
            if (text.charAt(pos++) == '\n') {
                line++;
            }
        }
    }

    int position() {
        return pos;
    }

    /** The current line, 1-based. */
    int line() {
        return line;
    }

    /** Spaces and tabs. */
    void spaces() {
        while (pos < end && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    /** Spaces, line ends and comments: what may stand between a document's lines or an array's elements. */
    void blanks() {
        while (pos < end) {
            char c = peek();
            if (c == '#') {
                toLineEnd();
            } else if (c == '\n' || c == ' ' || c == '\t' || c == '\r') {
                advance(1);
            } else {
                return;
            }
        }
    }

    /** To the next line end, which stays unread. */
    void toLineEnd() {
        while (pos < end && peek() != '\n') {
            pos++;
        }
    }

    /** A number, boolean or date (a date may hold a space): up to what ends a value. */
    void scalar() {
        while (pos < end && ",]}\n#".indexOf(peek()) < 0) {
            pos++;
        }
    }

    /** {@code a."b".'c'} with the segments unquoted, or null when no key starts here. */
    List<String> dottedKey() {
        List<String> names = new ArrayList<>();
        while (true) {
            spaces();
            String name = keySegment();
            if (name == null) {
                return null;
            }
            names.add(name);
            spaces();
            if (pos >= end || peek() != '.') {
                return names;
            }
            pos++;
        }
    }

    private String keySegment() {
        if (pos >= end) {
            return null;
        }
        if (peek() == '"' || peek() == '\'') {
            return string();
        }
        int start = pos;
        while (pos < end && isBare(peek())) {
            pos++;
        }
        return pos == start ? null : text.substring(start, pos);
    }

    private static boolean isBare(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** A one-line basic or literal string, decoded; an unterminated one ends at the line's end. */
    String string() {
        char quote = text.charAt(pos++);
        StringBuilder decoded = new StringBuilder();
        while (pos < end && peek() != '\n') {
            char c = text.charAt(pos++);
            if (c == quote) {
                break;
            } else if (c == '\\' && quote == '"' && pos < end) {
                unescape(decoded);
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    private void unescape(StringBuilder decoded) {
        char c = text.charAt(pos++);
        switch (c) {
            case 'n' -> decoded.append('\n');
            case 't' -> decoded.append('\t');
            case 'r' -> decoded.append('\r');
            case 'b' -> decoded.append('\b');
            case 'f' -> decoded.append('\f');
            case 'u', 'U' -> {
                int digits = c == 'u' ? 4 : 8;
                String hex = text.substring(pos, Math.min(end, pos + digits));
                if (hex.length() == digits && hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    decoded.appendCodePoint(Integer.parseUnsignedInt(hex, 16));
                    pos += digits;
                }
            }
            default -> decoded.append(c);
        }
    }

    /** Skips a {@code """} or {@code '''} string (here), whose lines are content, not keys. */
    void multiLineString() {
        char quote = peek();
        String close = String.valueOf(quote).repeat(3);
        pos += 3;
        while (pos < end) {
            if (startsWith(close)) {
                pos += 3;
                // """a"""" ends with a quote of content: up to two more quotes belong to the string.
                for (int extra = 0; extra < 2 && pos < end && peek() == quote; extra++) {
                    pos++;
                }
                return;
            }
            if (peek() == '\\' && quote == '"' && pos + 1 < end) {
                pos++;
            }
            advance(1);
        }
    }
}
