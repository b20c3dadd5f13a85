package dev.slipway.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The scanner against documents built to fool a line-based reader; every key Jackson finds must be
 * in the index (and nothing else), at the line a reader would point to.
 */
class PositionIndexTest {

    private static final String TRICKY = """
            # comment with key = "value" and [table]
            title = "a # not a comment" # real comment
            "quoted.key" = 1
            a."b.c".'d' = 2
            multi = \"""
            fake = "not a key"
            [not.a.table]
            \"""
            lit = '''
            x = 1 '''
            arr = [
              "y = 1",  # comment = 2
              [1, 2],
              { in = 1, also = 2 },
            ]
            inline = { k = 1, sub.k2 = "}", nested = { deep = true } }
            esc = "quote \\" [fake] = 3"
            "\\u0041" = 'unicode escape in a key'
            when = 1979-05-27 07:32:00Z

            [table]
            key = 1  # after
              [ table . "sub table" ]
            k = 'lit'
            [[arr2]]
            x = 1
            [[arr2]]
            x = \"""ends with quotes\"\"\"\"\"
            [[arr2.inner]]
            y = 3
            [x.y]
            z = [
              '''
            not = "a key"
            ''',
            ]
            """;

    @Test
    void linesOfTrickyKeys() {
        PositionIndex index = PositionIndex.of(TRICKY);
        Map<String, Integer> expected = Map.ofEntries(
                Map.entry("title", 2), Map.entry("\"quoted.key\"", 3), Map.entry("a", 4), Map.entry("a.\"b.c\"", 4),
                Map.entry("a.\"b.c\".d", 4), Map.entry("multi", 5), Map.entry("lit", 9), Map.entry("arr", 11),
                Map.entry("arr[2].in", 14), Map.entry("arr[2].also", 14), Map.entry("inline", 16),
                Map.entry("inline.sub.k2", 16), Map.entry("inline.nested.deep", 16), Map.entry("esc", 17),
                Map.entry("A", 18), Map.entry("when", 19), Map.entry("table", 21), Map.entry("table.key", 22),
                Map.entry("table.\"sub table\"", 23), Map.entry("table.\"sub table\".k", 24), Map.entry("arr2", 25),
                Map.entry("arr2[0].x", 26), Map.entry("arr2[1]", 27), Map.entry("arr2[1].x", 28),
                Map.entry("arr2[1].inner[0].y", 30), Map.entry("x.y", 31), Map.entry("x.y.z", 32));
        expected.forEach((key, line) -> assertEquals(line, index.line(key), key));
        assertEquals(0, index.line("fake"));
        assertEquals(0, index.line("not.a.table"));
        assertEquals(0, index.line("not"));
        assertEquals(Optional.empty(), index.redefinition());
    }

    @Test
    void indexHasExactlyTheKeysJacksonHas() throws Exception {
        for (String document : new String[] {TRICKY, ProfileFiles.DEBIAN_BASE,
                "[source]\npackages.add = [\"a\"]\n[source.components]\nremove = [\"main\"]\n",
                "x = [[{a = 1}], []]\ny = {}\n\r\n[t]\r\nz = 'crlf'\r\n"}) {
            assertEquals(jacksonLeaves(document), indexLeaves(PositionIndex.of(document)), document);
        }
    }

    @Test
    void redefinitions() {
        assertEquals(Optional.of(new PositionIndex.Redefinition("t.a", 4, 2)),
                PositionIndex.of("[t]\na = 1\n\na = 2\n").redefinition());
        assertEquals(Optional.of(new PositionIndex.Redefinition("s.p", 3, 2)),
                PositionIndex.of("[s]\np = []\np.add = []\n").redefinition());
        assertEquals(Optional.of(new PositionIndex.Redefinition("d", 2, 1)),
                PositionIndex.of("d = {e = 1}\n[d]\n").redefinition());
        assertEquals(Optional.empty(), PositionIndex.of("[a.b]\nc = 1\n[a]\nd = 2\n").redefinition());
    }

    @Test
    void survivesBrokenText() {
        for (String broken : new String[] {"a = \"open\nb = 1\n", "[t\nc = 1\n", "= 3\n", "a = [1,\n", "a = {b = ",
                "a = '''never closed\nb = 1", "\"\"\" = 1", "x.", "[[", "a = \"\\"}) {
            PositionIndex.of(broken);
        }
        PositionIndex index = PositionIndex.of("a = \"open\nb = 1\n");
        assertEquals(2, index.line("b"));
    }

    /** Keys whose values are not tables, nor hold tables: what the index has as value keys without children. */
    private static Set<String> jacksonLeaves(String document) throws Exception {
        Set<String> leaves = new TreeSet<>();
        walk(new TomlMapper().readTree(document), "", leaves);
        return leaves;
    }

    private static void walk(JsonNode node, String path, Set<String> leaves) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String key = TomlText.child(path, field.getKey());
                if (holdsTable(field.getValue())) {
                    walk(field.getValue(), key, leaves);
                } else {
                    leaves.add(key);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), TomlText.element(path, i), leaves);
            }
        }
    }

    private static boolean holdsTable(JsonNode node) {
        if (node instanceof ObjectNode object) {
            return !object.isEmpty();
        }
        if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (holdsTable(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> indexLeaves(PositionIndex index) {
        Set<String> leaves = new TreeSet<>();
        for (Map.Entry<String, PositionIndex.Entry> entry : index.entries().entrySet()) {
            String key = entry.getKey();
            boolean hasChildren = index.entries().keySet().stream()
                    .anyMatch(k -> k.startsWith(key + ".") || k.startsWith(key + "["));
            if (entry.getValue().kind() == PositionIndex.Kind.VALUE && !hasChildren) {
                leaves.add(key);
            }
        }
        assertTrue(leaves.size() <= index.entries().size());
        return leaves;
    }
}
