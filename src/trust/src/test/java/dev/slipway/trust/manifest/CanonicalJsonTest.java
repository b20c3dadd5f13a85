package dev.slipway.trust.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static String canonical(String json) throws ManifestException {
        return new String(CanonicalJson.write(CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.UTF_8);
    }

    /** RFC 8785, section 3.2.3: keys sort by UTF-16 code units, so the emoji (a surrogate pair) precedes U+FB33. */
    @Test
    void keysSortByUtf16CodeUnitsAsRfc8785Shows() throws Exception {
        String input = """
                {"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                 "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",
                 "\\u00f6": "Latin Small Letter O With Diaeresis"}""";
        String expectedOrder = "\r 1 \u0080 \u00f6 \u20ac \ud83d\ude00 \ufb33";
        StringBuilder keys = new StringBuilder();
        var node = CanonicalJson.parse(CanonicalJson.write(CanonicalJson.parse(input.getBytes(StandardCharsets.UTF_8))));
        node.fieldNames().forEachRemaining(k -> keys.append(keys.isEmpty() ? "" : " ").append(k));
        assertEquals(expectedOrder, keys.toString());
    }

    /** RFC 8785, section 3.2.2.2: only these characters are escaped, and controls as lowercase \\u00xx. */
    @Test
    void stringsAreEscapedOnlyWhereJsonRequires() throws Exception {
        assertEquals("[\"\\u000f\\n\\\"\\\\/€é\"]", canonical("[\"\\u000F\\u000a\\\"\\\\\\/\\u20AC\\u00e9\"]"));
        assertEquals("{\"a\":[1,true,null,{}],\"b\":-9007199254740991}",
                canonical(" { \"b\" : -9007199254740991 , \"a\" : [ 1 , true , null , { } ] } "));
    }

    @Test
    void fractionsAndWideIntegersHaveNoCanonicalFormHere() {
        assertThrows(IllegalArgumentException.class, () -> canonical("[1.5]"));
        assertThrows(IllegalArgumentException.class, () -> canonical("[9007199254740992]"));
        assertThrows(IllegalArgumentException.class, () -> canonical("[\"\\ud800\"]"));
    }

    @Test
    void duplicateKeysAndTrailingContentAreRefused() {
        ManifestException duplicate = assertThrows(ManifestException.class,
                () -> CanonicalJson.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(duplicate.getMessage().contains("Duplicate field 'a'"), duplicate.getMessage());
        assertThrows(ManifestException.class, () -> CanonicalJson.parse("{} {}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void onlyTheCanonicalSpellingIsCanonical() {
        assertTrue(CanonicalJson.isCanonical("{\"a\":1,\"b\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CanonicalJson.isCanonical("{\"b\":[],\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CanonicalJson.isCanonical("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CanonicalJson.isCanonical("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)));
    }
}
