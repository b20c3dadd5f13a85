package dev.slipway.agent.fetch;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Range} header's value (RFC 9110, 14.4): {@code bytes FIRST-LAST/LENGTH}, the length
 * {@code *} when unknown, or {@code bytes * /LENGTH} (without the space) on a 416 answer.
 *
 * @param first  the first byte's offset, or -1 for the unsatisfied form
 * @param last   the last byte's offset (inclusive), or -1 for the unsatisfied form
 * @param length the file's length, or -1 when the server gave {@code *}
 */
record ContentRange(long first, long last, long length) {

    private static final Pattern SATISFIED = Pattern.compile("bytes ([0-9]{1,18})-([0-9]{1,18})/([0-9]{1,18}|\\*)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/([0-9]{1,18})");

    /** The header parsed, or null when it is not one of the two forms (or names an empty or inverted range). */
    static ContentRange parse(String value) {
        String v = value.strip();
        Matcher m = SATISFIED.matcher(v);
        if (m.matches()) {
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            long length = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            if (last < first || (length >= 0 && last >= length)) {
                return null;
            }
            return new ContentRange(first, last, length);
        }
        m = UNSATISFIED.matcher(v);
        return m.matches() ? new ContentRange(-1, -1, Long.parseLong(m.group(1))) : null;
    }

    /** The file's length when the server stated it. */
    OptionalLong fileLength() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    @Override
    public String toString() {
        return first < 0 ? "bytes */" + length
                : "bytes " + first + "-" + last + "/" + (length < 0 ? "*" : Long.toString(length));
    }
}
