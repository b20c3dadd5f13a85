package dev.slipway.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The line of each key, past the TOML that could hide or fake one. */
class AgentConfigKeyLinesTest {

    @Test
    void keysPastStringsCommentsAndArrays() {
        KeyLines lines = KeyLines.of("""
                a = "x = 1 # not a comment"   # b = 2
                m = \"""
                c = 3
                \"""
                'quoted key' = 1
                arr = [ # c = 4
                  "one",
                  [1, 2],
                  { d = 5, e = "}" },
                ]
                lit = '''
                f = 6'''
                "esc\\u0041ped" = 2
                t.dotted = 1
                """);
        assertEquals(1, lines.line("a"));
        assertEquals(0, lines.line("b"));
        assertEquals(2, lines.line("m"));
        assertEquals(0, lines.line("c"));
        assertEquals(5, lines.line("\"quoted key\""));
        assertEquals(6, lines.line("arr"));
        assertEquals(0, lines.line("c"));
        assertEquals(7, lines.line("arr[0]"));
        assertEquals(8, lines.line("arr[1]"));
        assertEquals(8, lines.line("arr[1][1]"));
        assertEquals(9, lines.line("arr[2].d"));
        assertEquals(9, lines.line("arr[2].e"));
        assertEquals(11, lines.line("lit"));
        assertEquals(0, lines.line("f"));
        assertEquals(13, lines.line("escAped"));
        assertEquals(14, lines.line("t"));
        assertEquals(14, lines.line("t.dotted"));
        assertTrue(lines.duplicate().isEmpty());
    }

    @Test
    void arraysOfTablesAreNumbered() {
        KeyLines lines = KeyLines.of("top = 1\n[[health]]\nname = \"a\"\n\n[[health]]\nname = \"b\"\ncommand = [\n"
                + "  \"/bin/x\",\n  \"y\"]\n");
        assertEquals(2, lines.line("health"));
        assertEquals(2, lines.line("health[0]"));
        assertEquals(3, lines.line("health[0].name"));
        assertEquals(5, lines.line("health[1]"));
        assertEquals(6, lines.line("health[1].name"));
        assertEquals(7, lines.line("health[1].command"));
        assertEquals(8, lines.line("health[1].command[0]"));
        assertEquals(9, lines.line("health[1].command[1]"));
        assertTrue(lines.duplicate().isEmpty());
    }

    @Test
    void duplicatesAreFound() {
        assertEquals(new KeyLines.Duplicate("a", 3, 1), KeyLines.of("a = 1\nb = 2\na = 3\n").duplicate().orElseThrow());
        assertEquals(new KeyLines.Duplicate("t", 3, 1), KeyLines.of("[t]\nx = 1\n[t]\n").duplicate().orElseThrow());
        assertEquals(new KeyLines.Duplicate("a", 2, 1), KeyLines.of("a = 1\n[a]\n").duplicate().orElseThrow());
        assertEquals(new KeyLines.Duplicate("h[0].n", 3, 2),
                KeyLines.of("[[h]]\nn = 1\nn = 2\n[[h]]\nn = 3\n").duplicate().orElseThrow());
    }

    @Test
    void malformedTextDoesNotStall() {
        KeyLines lines = KeyLines.of("a = [1, \n\"unterminated\nb = {x = \n[[\nc = 1\n= 2\n");
        assertEquals(1, lines.line("a"));
    }
}
