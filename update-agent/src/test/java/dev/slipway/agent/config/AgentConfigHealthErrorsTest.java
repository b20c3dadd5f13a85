package dev.slipway.agent.config;

import static dev.slipway.agent.config.AgentConfigLoadTest.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in [[health]] tables, each reported at the line and key (with the table's index) it is on. */
class AgentConfigHealthErrorsTest {

    @TempDir
    Path dir;

    /** REQUIRED takes lines 1-3; line 4 is blank; the first table's header is on line 5. */
    AgentConfigException fails(String health, int line, String key) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.toml"), REQUIRED + "\n" + health);
        AgentConfigException e = assertThrows(AgentConfigException.class, () -> AgentConfigs.load(file));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
        return e;
    }

    static final String UNIT = "[[health]]\nname = \"a\"\nkind = \"unit\"\nunit = \"a.service\"\n";

    @Test
    void namesAreUnique() throws Exception {
        AgentConfigException e = fails(UNIT + "\n" + UNIT, 11, "health[1].name");
        assertEquals("'health[1].name': the name \"a\" is already used by health[0] (line 6); names must be unique",
                e.problem());
    }

    @Test
    void unknownKeyInATable() throws Exception {
        AgentConfigException e = fails(UNIT.replace("unit = ", "unti = "), 8, "health[0].unti");
        assertEquals(Optional.of("unit"), e.suggestion());
    }

    @Test
    void kindMustBeKnown() throws Exception {
        assertEquals("invalid value \"script\" for 'health[0].kind': must be one of \"unit\", \"http\", \"command\"",
                fails(UNIT.replace("\"unit\"\n", "\"script\"\n"), 7, "health[0].kind").problem());
    }

    @Test
    void aFieldOfAnotherKind() throws Exception {
        assertEquals("'health[0].url' does not belong to a check of kind \"unit\", which takes 'unit' (and name, kind, "
                        + "deadline)",
                fails(UNIT + "url = \"http://127.0.0.1/\"\n", 9, "health[0].url").problem());
    }

    @Test
    void missingFieldIsReportedAtTheHeader() throws Exception {
        assertEquals("health[0] has no 'unit': what a check of kind \"unit\" needs",
                fails("[[health]]\nname = \"a\"\nkind = \"unit\"\n", 5, "health[0].unit").problem());
        fails("[[health]]\nkind = \"unit\"\nunit = \"a.service\"\n", 5, "health[0].name");
    }

    @Test
    void badNameAndUnit() throws Exception {
        fails(UNIT.replace("name = \"a\"", "name = \"Kubelet\""), 6, "health[0].name");
        assertTrue(fails(UNIT.replace("a.service", "-H.service"), 8, "health[0].unit").problem()
                .contains("a systemd unit name"));
        fails(UNIT.replace("a.service", "kubelet"), 8, "health[0].unit");
        assertTrue(fails(UNIT.replace("a.service", "boot-complete.target"), 8, "health[0].unit").problem()
                .contains("could never pass"));
    }

    @Test
    void httpOnlyOnLoopback() throws Exception {
        String http = "[[health]]\nname = \"api\"\nkind = \"http\"\nurl = \"URL\"\n";
        assertTrue(fails(http.replace("URL", "https://127.0.0.1/"), 8, "health[0].url").problem()
                .contains("must be an http URL on this node"));
        fails(http.replace("URL", "http://10.0.0.1/healthz"), 8, "health[0].url");
        fails(http.replace("URL", "http://example.com/"), 8, "health[0].url");
        fails(http.replace("URL", "http://user@127.0.0.1/"), 8, "health[0].url");
    }

    @Test
    void commandNeedsAnAbsoluteProgramAndStrings() throws Exception {
        String command = "[[health]]\nname = \"c\"\nkind = \"command\"\ncommand = CMD\n";
        assertTrue(fails(command.replace("CMD", "[\"crictl\", \"info\"]"), 8, "health[0].command").problem()
                .contains("the program's absolute path"));
        fails(command.replace("CMD", "[]"), 8, "health[0].command");
        fails(command.replace("CMD", "\"/usr/bin/crictl info\""), 8, "health[0].command");
        AgentConfigException e = fails(command.replace("CMD", "[\n  \"/usr/bin/x\",\n  3,\n]"), 10,
                "health[0].command[1]");
        assertEquals("wrong type for 'health[0].command[1]': expected a string, found an integer", e.problem());
    }

    @Test
    void deadlineWithinLimits() throws Exception {
        assertTrue(fails(UNIT + "deadline = \"11m\"\n", 9, "health[0].deadline").problem()
                .startsWith("invalid value \"11m\" for 'health[0].deadline': must be between \"1s\" and \"10m\""));
        fails(UNIT + "deadline = \"0s\"\n", 9, "health[0].deadline");
        fails(UNIT + "deadline = \"5 m\"\n", 9, "health[0].deadline");
    }

    @Test
    void healthMustBeAnArrayOfTables() throws Exception {
        assertEquals("wrong type for 'health': expected an array of tables, each written [[health]], found a table",
                fails("[health]\nname = \"a\"\n", 5, "health").problem());
    }
}
