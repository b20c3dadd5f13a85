package dev.slipway.profile;

import static dev.slipway.profile.ProfileFiles.DEBIAN_BASE;
import static dev.slipway.profile.ProfileFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each merge rule of docs/profiles.md, on small chains. */
class MergeRulesTest {

    @TempDir
    Path dir;

    private Profile overlay(String text) throws Exception {
        write(dir, "base.toml", DEBIAN_BASE);
        return Profiles.resolve(write(dir, "leaf.toml", "extends = \"base.toml\"\n" + text)).profile();
    }

    private DebianSource debianOverlay(String text) throws Exception {
        return assertInstanceOf(DebianSource.class, overlay(text).source());
    }

    @Test
    void defaultsAreFilledIn() throws Exception {
        Profile profile = Profiles.resolve(write(dir, "base.toml", DEBIAN_BASE)).profile();
        assertEquals(new Image("slipway-base", "1.0.0", "", null, null, 1), profile.image());
        assertEquals(new DebianSource("bookworm", "minbase", "amd64", List.of("main"), List.of("systemd", "udev"),
                List.of()), profile.source());
    }

    @Test
    void scalarsReplaceAndTablesMergeKeyByKey() throws Exception {
        Profile profile = overlay("[image]\nversion = \"2.0.0\"\nepoch = 1747699200\n");
        assertEquals(new Image("slipway-base", "2.0.0", "", 1747699200L, null, 1), profile.image());
        assertEquals(List.of("systemd", "udev"), ((DebianSource) profile.source()).packages());
    }

    @Test
    void chainIsAppliedInOrderAtAnyDepth() throws Exception {
        write(dir, "a.toml", DEBIAN_BASE.replace("version = \"1.0.0\"", "version = \"1\"\ndescription = \"a\""));
        write(dir, "b.toml", "extends = \"a.toml\"\n[image]\nversion = \"2\"\n[source]\npackages.add = [\"bb\"]\n");
        Path c = write(dir, "c.toml", "extends = \"b.toml\"\n[image]\nversion = \"3\"\n[source]\npackages.add = [\"cc\"]\n");
        ResolvedProfile resolved = Profiles.resolve(c);
        assertEquals(List.of(dir.resolve("a.toml"), dir.resolve("b.toml"), c), resolved.chain());
        assertEquals("3", resolved.profile().image().version());
        assertEquals("a", resolved.profile().image().description());
        assertEquals(List.of("systemd", "udev", "bb", "cc"), ((DebianSource) resolved.profile().source()).packages());
    }

    @Test
    void listAssignmentReplaces() throws Exception {
        assertEquals(List.of("strace"), debianOverlay("[source]\npackages = [\"strace\"]\n").packages());
        assertEquals(List.of(), debianOverlay("[source]\npackages = []\n").packages());
    }

    @Test
    void addAppendsOnlyMissingItemsInOrder() throws Exception {
        DebianSource source = debianOverlay("[source]\npackages.add = [\"strace\", \"systemd\", \"gdb\", \"strace\"]\n");
        assertEquals(List.of("systemd", "udev", "strace", "gdb"), source.packages());
    }

    @Test
    void removeRemovesAndAppliesBeforeAdd() throws Exception {
        assertEquals(List.of("systemd"), debianOverlay("[source]\npackages.remove = [\"udev\"]\n").packages());
        DebianSource both = debianOverlay("[source]\npackages.add = [\"udev\", \"gdb\"]\npackages.remove = [\"udev\"]\n");
        assertEquals(List.of("systemd", "udev", "gdb"), both.packages());
    }

    @Test
    void editsMayBeDottedKeysSubTablesOrInlineTables() throws Exception {
        List<String> expected = List.of("systemd", "gdb");
        assertEquals(expected, debianOverlay("[source]\npackages.add = [\"gdb\"]\npackages.remove = [\"udev\"]\n").packages());
        assertEquals(expected, debianOverlay("[source.packages]\nadd = [\"gdb\"]\nremove = [\"udev\"]\n").packages());
        assertEquals(expected, debianOverlay("[source]\npackages = { add = [\"gdb\"], remove = [\"udev\"] }\n").packages());
        assertEquals(expected, debianOverlay("source.packages.add = [\"gdb\"]\nsource.packages.remove = [\"udev\"]\n").packages());
    }

    @Test
    void addInAFileWithNoBaseStartsFromEmpty() throws Exception {
        Path file = write(dir, "only.toml", DEBIAN_BASE.replace("packages = [", "components.add = [\"contrib\"]\npackages.add = ["));
        DebianSource source = assertInstanceOf(DebianSource.class, Profiles.resolve(file).profile().source());
        assertEquals(List.of("contrib"), source.components());
        assertEquals(List.of("systemd", "udev"), source.packages());
    }

    @Test
    void overlaysEditDefaultsOfTheProfileSoFar() throws Exception {
        assertEquals(List.of("main", "contrib"), debianOverlay("[source]\ncomponents.add = [\"contrib\"]\n").components());
        assertEquals(List.of(), debianOverlay("[source]\ncomponents.remove = [\"main\"]\n").components());
    }

    @Test
    void changingTheKindReplacesTheWholeTable() throws Exception {
        Profile profile = overlay("[source]\nkind = \"oci\"\npath = \"layout\"\nreference = \"latest\"\n");
        assertEquals(new OciSource(dir.resolve("layout"), "latest"), profile.source());
        assertEquals(new TarSource(dir.resolve("rootfs.tar")), overlay("[source]\nkind = \"tar\"\npath = \"rootfs.tar\"\n").source());
        assertEquals(new DirSource(dir.resolve("root")), overlay("source = { kind = \"dir\", path = \"root\" }\n").source());
    }

    @Test
    void changingTheKindBackStartsAfresh() throws Exception {
        write(dir, "base.toml", DEBIAN_BASE);
        write(dir, "tar.toml", "extends = \"base.toml\"\n[source]\nkind = \"tar\"\npath = \"rootfs.tar\"\n");
        Path leaf = write(dir, "leaf.toml", "extends = \"tar.toml\"\n[source]\nkind = \"debian\"\nsuite = \"trixie\"\n"
                + "components.add = [\"contrib\"]\n");
        DebianSource source = assertInstanceOf(DebianSource.class, Profiles.resolve(leaf).profile().source());
        assertEquals(new DebianSource("trixie", "minbase", "amd64", List.of("contrib"), List.of(), List.of()), source);
    }

    @Test
    void sameKindAgainMergesNormally() throws Exception {
        DebianSource source = debianOverlay("[source]\nkind = \"debian\"\narchitecture = \"arm64\"\n");
        assertEquals("arm64", source.architecture());
        assertEquals(List.of("systemd", "udev"), source.packages());
    }

    @Test
    void withVersionChecksThePattern() throws Exception {
        Profile profile = Profiles.resolve(write(dir, "base.toml", DEBIAN_BASE)).profile();
        assertEquals("1.1.0~rc1", profile.withVersion("1.1.0~rc1").image().version());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> profile.withVersion("-1"));
        assertEquals("image version \"-1\" is not allowed: it must be 1 to 64 letters, digits and . + _ ~ -, starting "
                + "with a letter or digit (^[0-9A-Za-z][0-9A-Za-z.+_~-]{0,63}$)", e.getMessage());
    }
}
