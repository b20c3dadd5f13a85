package dev.slipway.profile;

import static dev.slipway.profile.ProfileFiles.DEBIAN_BASE;
import static dev.slipway.profile.ProfileFiles.failsAt;
import static dev.slipway.profile.ProfileFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of error: each names the file, the line and the key. */
class ProfileErrorsTest {

    @TempDir
    Path dir;

    @Test
    void syntaxErrorAtTheLineJacksonReports() {
        Path file = write(dir, "broken.toml", "[image]\nname = \"x\"\nversion = \n");
        ProfileException e = failsAt(file, file, 3, "");
        assertEquals(file + ":3: TOML syntax error: Newline not permitted here (column 11)", e.getMessage());
    }

    @Test
    void syntaxErrorAtEndOfFile() {
        Path file = write(dir, "open.toml", "[source]\npackages = [\"a\",\n");
        ProfileException e = failsAt(file, file, 3, "");
        assertTrue(e.problem().startsWith("TOML syntax error: "), e.getMessage());
    }

    /** Jackson reports a duplicate key after the blank lines that follow it; the index knows the line. */
    @Test
    void duplicateKeyAtItsOwnLine() {
        Path file = write(dir, "twice.toml", "[image]\nname = \"a\"\nname = \"b\"\n\n\n\n");
        ProfileException e = failsAt(file, file, 3, "image.name");
        assertEquals("TOML syntax error: 'image.name' is defined twice (first on line 2)", e.problem());
    }

    @Test
    void unknownKeySuggestsTheNearest() {
        Path file = write(dir, "debug.toml", DEBIAN_BASE + "pakages = [\"strace\"]\n");
        ProfileException e = failsAt(file, file, 9, "source.pakages");
        assertEquals(Optional.of("packages"), e.suggestion());
        assertEquals(file + ":9: unknown key 'source.pakages'; did you mean 'packages'?", e.getMessage());
    }

    @Test
    void unknownTableAndTransposedLetters() {
        Path file = write(dir, "t.toml", "[imgae]\nname = \"x\"\n");
        assertEquals(Optional.of("image"), failsAt(file, file, 1, "imgae").suggestion());
    }

    @Test
    void unknownKeyFarFromAnyHasNoSuggestion() {
        Path file = write(dir, "t.toml", "[image]\ncolour = \"blue\"\n");
        ProfileException e = failsAt(file, file, 2, "image.colour");
        assertEquals(Optional.empty(), e.suggestion());
        assertEquals(file + ":2: unknown key 'image.colour'", e.getMessage());
    }

    @Test
    void extendsOnlyAtTheTop() {
        Path file = write(dir, "t.toml", "[image]\nextends = \"base.toml\"\n");
        failsAt(file, file, 2, "image.extends");
    }

    @Test
    void unknownListEdit() {
        Path file = write(dir, "t.toml", DEBIAN_BASE.replace("packages = [\"systemd\", \"udev\"]", "packages.ad = [\"x\"]"));
        ProfileException e = failsAt(file, file, 8, "source.packages.ad");
        assertEquals(Optional.of("add"), e.suggestion());
    }

    @Test
    void wrongTypeNamesExpectedAndFound() {
        Path file = write(dir, "t.toml", DEBIAN_BASE.replace("[\"systemd\", \"udev\"]", "\"systemd\""));
        ProfileException e = failsAt(file, file, 8, "source.packages");
        assertEquals("wrong type for 'source.packages': expected a list of strings, found a string", e.problem());
    }

    @Test
    void wrongTypeOfAListItem() {
        Path file = write(dir, "t.toml", DEBIAN_BASE.replace("\"udev\"]", "7]"));
        ProfileException e = failsAt(file, file, 8, "source.packages");
        assertEquals("wrong type for 'source.packages': expected a list of strings, found an array holding an "
                + "integer (item 2)", e.problem());
    }

    @Test
    void wrongTypeDateForString() {
        Path file = write(dir, "t.toml", DEBIAN_BASE.replace("\"1.0.0\"", "2025-05-20"));
        ProfileException e = failsAt(file, file, 3, "image.version");
        assertEquals("wrong type for 'image.version': expected a string, found a date or time", e.problem());
    }

    @Test
    void wrongTypeTableForTable() {
        Path file = write(dir, "t.toml", "image = \"slipway\"\n");
        failsAt(file, file, 1, "image");
    }

    @Test
    void invalidPatternSaysWhatIsAllowed() {
        Path file = write(dir, "t.toml", DEBIAN_BASE.replace("slipway-base", "Slipway Base"));
        ProfileException e = failsAt(file, file, 2, "image.name");
        assertEquals("invalid value \"Slipway Base\" for 'image.name': must be 1 to 63 lowercase letters, digits "
                + "and '-', not starting with '-' (^[a-z0-9][a-z0-9-]{0,62}$)", e.problem());
    }

    @Test
    void invalidEnumListsTheChoices() {
        Path file = write(dir, "t.toml", DEBIAN_BASE + "variant = \"tiny\"\n");
        ProfileException e = failsAt(file, file, 9, "source.variant");
        assertTrue(e.problem().endsWith("must be one of extract, custom, essential, apt, required, minbase, buildd, "
                + "important, standard"), e.problem());
    }

    @Test
    void invalidRangeAndListItem() {
        Path negative = write(dir, "neg.toml", DEBIAN_BASE.replace("version = \"1.0.0\"", "version = \"1\"\nepoch = -1"));
        assertTrue(failsAt(negative, negative, 4, "image.epoch").problem().endsWith("must be an integer >= 0"));
        Path huge = write(dir, "huge.toml", DEBIAN_BASE.replace("version = \"1.0.0\"", "epoch = 99999999999999999999"));
        failsAt(huge, huge, 3, "image.epoch");
        Path item = write(dir, "item.toml", DEBIAN_BASE.replace("\"udev\"", "\"Udev\""));
        failsAt(item, item, 8, "source.packages");
    }

    @Test
    void missingKeyPointsAtItsTableInTheLastFileThatHasIt() {
        Path base = write(dir, "base.toml", "[image]\nname = \"a\"\nversion = \"1\"\n\n[source]\nkind = \"debian\"\n");
        Path leaf = write(dir, "leaf.toml", "extends = \"base.toml\"\n\n[source]\nvariant = \"apt\"\n");
        ProfileException e = failsAt(leaf, leaf, 3, "source.suite");
        assertEquals("missing required key 'source.suite' (required when source.kind = \"debian\")", e.problem());
        failsAt(base, base, 5, "source.suite");
    }

    @Test
    void missingTableIsLineZeroInTheLeaf() {
        Path file = write(dir, "t.toml", "[source]\nkind = \"dir\"\npath = \"root\"\n");
        ProfileException e = failsAt(file, file, 0, "image.name");
        assertEquals(file + ": missing required key 'image.name'", e.getMessage());
    }

    @Test
    void missingKind() {
        Path file = write(dir, "t.toml", DEBIAN_BASE.replace("kind = \"debian\"\n", ""));
        failsAt(file, file, 5, "source.kind");
    }

    @Test
    void cycleNamesTheChainAtTheClosingExtends() {
        Path a = write(dir, "a.toml", "extends = \"sub/b.toml\"\n");
        Path b = write(dir, "sub/b.toml", "# b\nextends = \"../a.toml\"\n");
        ProfileException e = failsAt(a, b, 2, "extends");
        assertEquals("'extends' makes a cycle: a.toml -> sub/b.toml -> a.toml", e.problem());
        Path self = write(dir, "self.toml", "extends = \"self.toml\"\n");
        failsAt(self, self, 1, "extends");
    }

    @Test
    void missingExtendsTarget() {
        Path leaf = write(dir, "leaf.toml", "\nextends = \"nope.toml\"\n");
        ProfileException e = failsAt(leaf, leaf, 2, "extends");
        assertEquals("'extends' names " + dir.resolve("nope.toml") + ", which does not exist", e.problem());
    }

    @Test
    void removingAnItemThatIsNotThere() {
        Path base = write(dir, "base.toml", DEBIAN_BASE);
        Path leaf = write(dir, "leaf.toml", "extends = \"base.toml\"\n[source]\npackages.add = [\"strace\"]\n"
                + "packages.remove = [\"vim\"]\n");
        ProfileException e = failsAt(leaf, leaf, 4, "source.packages");
        assertEquals("cannot remove \"vim\" from 'source.packages': it is not in the list, which is "
                + "[\"systemd\", \"udev\"]", e.problem());
        assertTrue(base.toFile().isFile());
    }

    @Test
    void addOrRemoveMixedWithReplaceInOneFile() {
        Path after = write(dir, "after.toml", DEBIAN_BASE + "packages.add = [\"strace\"]\n");
        ProfileException e = failsAt(after, after, 9, "source.packages");
        assertEquals("'source.packages' is both set with '=' and edited with add/remove in one file (lines 8 and 9);"
                + " use one or the other", e.problem());
        Path before = write(dir, "before.toml", "[source]\ncomponents.remove = [\"main\"]\n\ncomponents = []\n");
        failsAt(before, before, 4, "source.components");
        Path table = write(dir, "table.toml", "[source]\ncomponents = []\n[source.components]\nadd = [\"contrib\"]\n");
        failsAt(table, table, 3, "source.components");
    }

    @Test
    void keyForAnotherKindPointsAtWhereItWasSet() {
        Path base = write(dir, "base.toml", DEBIAN_BASE);
        Path leaf = write(dir, "leaf.toml", "extends = \"base.toml\"\n[source]\nreference = \"latest\"\n");
        ProfileException e = failsAt(leaf, leaf, 3, "source.reference");
        assertEquals("'source.reference' does not apply when source.kind = \"debian\"; it is for oci", e.problem());
        Path dirSource = write(dir, "dir.toml", "[image]\nname = \"a\"\nversion = \"1\"\n[source]\nkind = \"dir\"\n"
                + "path = \"root\"\nsuite = \"bookworm\"\n");
        failsAt(dirSource, dirSource, 7, "source.suite");
        assertTrue(base.toFile().isFile());
    }

    @Test
    void notUtf8() throws Exception {
        Path file = dir.resolve("latin1.toml");
        Files.write(file, new byte[] {'#', ' ', (byte) 0xE9, '\n'});
        failsAt(file, file, 0, "");
    }
}
