package dev.slipway.tree;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/** File names as Linux and every on-disk format here order them: by their UTF-8 bytes, unsigned. */
public final class Names {

    /** Linux NAME_MAX: the longest name one directory entry can carry, in bytes. */
    public static final int MAX_NAME_BYTES = 255;

    public static final Comparator<String> BYTE_ORDER = Names::compare;

    private Names() {
    }

    /**
     * Orders by Unicode code point, which is exactly the order of the names' UTF-8 bytes, without
     * encoding them: trees of 100k names compare millions of times while they are built.
     */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    public static byte[] utf8(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
