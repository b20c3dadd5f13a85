package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.slipway.tree.InvalidEntryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives crafted to escape the tree or to smuggle in what an image must not hold: '..' and
 * absolute paths, writes through symlinks, stray hard links, type changes, ids of -1, names that
 * are not UTF-8, unknown entry types, oversized metadata.
 */
class HostileTarTest extends RefusalTest {

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "./../evil", "x/../../evil", "../a/work/outside/evil"})
    void dotDotComponentsAreRefused(String name) throws IOException {
        refused(InvalidEntryException.class, new RawTar().dir("x/").file(name, "escape").finish(), name, "'..'");
    }

    @Test
    void absolutePathsAreRefused() throws IOException {
        String name = work.resolve("abs-evil").toString();
        refused(InvalidEntryException.class, new RawTar().file(name, "escape").finish(), name, "absolute path");
    }

    @Test
    void entriesThroughASymlinkAreRefused() throws IOException {
        byte[] archive = new RawTar().symlink("link", outside.toString()).file("link/pwned", "escape").finish();
        refused(InvalidEntryException.class, archive, "link/pwned", "passes through the symlink 'link'");
    }

    @Test
    void entriesThroughARelativeSymlinkAreRefused() throws IOException {
        byte[] archive = new RawTar().dir("d/").symlink("d/up", "../../outside").dir("d/up/x/").finish();
        refused(InvalidEntryException.class, archive, "d/up/x/", "symlink 'd/up'");
    }

    @Test
    void hardLinksToMissingTargetsAreRefused() throws IOException {
        byte[] archive = new RawTar().file("a", "a").hardlink("h", "nothing").finish();
        refused(InvalidEntryException.class, archive, "h", "'nothing' does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/evil", "/etc/passwd", "a/../../etc/passwd"})
    void hardLinksOutsideTheTreeAreRefused(String target) throws IOException {
        byte[] archive = new RawTar().file("a", "a").hardlink("h", target).finish();
        refused(InvalidEntryException.class, archive, "h", "outside the tree");
    }

    @Test
    void hardLinksToDirectoriesAreRefused() throws IOException {
        byte[] archive = new RawTar().dir("d/").hardlink("h", "d").finish();
        refused(InvalidEntryException.class, archive, "h", "is a directory");
    }

    @Test
    void aFileCannotReplaceADirectory() throws IOException {
        byte[] archive = new RawTar().dir("a/").file("a/inside", "x").file("a", "x").finish();
        refused(InvalidEntryException.class, archive, "a", "made this a directory", "regular file");
    }

    @Test
    void aDirectoryCannotReplaceAFile() throws IOException {
        refused(InvalidEntryException.class, new RawTar().file("a", "x").dir("a/").finish(), "a/", "regular file");
    }

    @Test
    void uidMinusOneInPaxIsRefused() throws IOException {
        byte[] archive = new RawTar().pax('x', RawTar.record("uid", "4294967295")).file("nobody", "x").finish();
        refused(InvalidEntryException.class, archive, "nobody", "owner uid is -1");
    }

    @Test
    void gidMinusOneInPaxIsRefused() throws IOException {
        byte[] archive = new RawTar().pax('x', RawTar.record("gid", "4294967295")).dir("d/").finish();
        refused(InvalidEntryException.class, archive, "d/", "group gid is -1");
    }

    @Test
    void uidMinusOneInBase256IsRefused() throws IOException {
        RawTar tar = new RawTar();
        byte[] header = tar.header("nobody", '0', 0, 0644, 0, 0, "");
        byte[] minusOne = new byte[8];
        Arrays.fill(minusOne, (byte) 0xFF);
        byte[] archive = tar.raw(RawTar.patch(header, 108, minusOne), new byte[0]).finish();
        refused(InvalidEntryException.class, archive, "nobody", "owner uid is -1");
    }

    @Test
    void base256IdsBeyond32BitsAreRefusedNotTruncated() throws IOException {
        // Commons Compress narrows this gid, 2^32, to 0 (root); Slipway reads the field itself.
        RawTar tar = new RawTar();
        byte[] header = tar.header("wide", '0', 0, 0644, 0, 0, "");
        byte[] twoToThe32 = {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0};
        byte[] archive = tar.raw(RawTar.patch(header, 116, twoToThe32), new byte[0]).finish();
        refused(InvalidEntryException.class, archive, "wide", "group gid 4294967296 is out of range");
    }

    @Test
    void namesThatAreNotUtf8AreRefused() throws IOException {
        byte[] archive = new RawTar().file("caf\u00e9", "latin-1").finish();
        refused(InvalidEntryException.class, archive, "caf\\xe9", "not valid UTF-8");
    }

    @Test
    void paxPathsThatAreNotUtf8AreRefused() throws IOException {
        byte[] name = {'b', 'a', 'd', (byte) 0xFF};
        byte[] archive = new RawTar().pax('x', RawTar.record("path", name)).file("placeholder", "x").finish();
        refused(InvalidEntryException.class, archive, "bad\\xff", "PAX record 'path'", "not valid UTF-8");
    }

    @Test
    void unknownEntryTypesAreRefused() throws IOException {
        byte[] archive = new RawTar().entry("odd", 'Z', new byte[0], "").finish();
        refused(InvalidEntryException.class, archive, "odd", "entry type 'Z'");
    }

    @Test
    void multiVolumeContinuationsAreRefused() throws IOException {
        byte[] archive = new RawTar().entry("part", 'M', new byte[10], "").finish();
        refused(InvalidEntryException.class, archive, "part", "multi-volume");
    }

    @Test
    void deviceNumbersOutOfRangeAreRefused() throws IOException {
        RawTar tar = new RawTar();
        byte[] header = tar.header("dev", '3', 0, 0600, 0, 0, "");
        RawTar.octal(header, 329, 8, 4096);
        RawTar.checksum(header);
        refused(InvalidEntryException.class, tar.raw(header, new byte[0]).finish(), "dev", "device number 4096:0");
    }

    @Test
    void hugePaxHeadersAreRefused() throws IOException {
        byte[] big = new byte[PaxTarInputStream.MAX_METADATA_BYTES + 1];
        Arrays.fill(big, (byte) 'a');
        byte[] archive = new RawTar().file("before", "x").pax('x', RawTar.record("comment", big)).file("f", "x").finish();
        refused(CorruptArchiveException.class, archive, "before", "larger than 16 MiB");
    }

    @Test
    void disagreeingXattrRecordsAreRefused() throws IOException {
        byte[] archive = new RawTar().pax('x', RawTar.record("SCHILY.xattr.user.a", "one"),
                RawTar.record("LIBARCHIVE.xattr.user.a", "dHdv")).file("f", "x").finish();
        refused(InvalidEntryException.class, archive, "f", "two different values for xattr 'user.a'");
    }

    @Test
    void fileEntriesSpelledAsDirectoriesWithDataAreRefused() throws IOException {
        byte[] archive = new RawTar().entry("ambiguous/", '0', "hidden".getBytes(), "").finish();
        refused(InvalidEntryException.class, archive, "ambiguous/", "tar programs disagree");
    }

    @Test
    void hugeGnuLongNamesAreRefused() throws IOException {
        byte[] big = new byte[PaxTarInputStream.MAX_METADATA_BYTES + 1];
        Arrays.fill(big, (byte) 'n');
        byte[] archive = new RawTar().file("before", "x").entry("././@LongLink", 'L', big, "").file("f", "x").finish();
        refused(CorruptArchiveException.class, archive, "before", "GNU long name is larger than 16 MiB");
    }

    @Test
    void foreignXattrNamespacesAreDroppedButNulNamesRefused() throws IOException {
        byte[] archive = new RawTar().pax('x', RawTar.record("SCHILY.xattr.user.a\0b", "v")).file("f", "x").finish();
        refused(InvalidEntryException.class, archive, "f", "NUL");
    }

    @Test
    void linksAndDevicesWithDataOrDirectoryNamesAreRefused() throws IOException {
        refused(InvalidEntryException.class, new RawTar().entry("s", '2', "hidden".getBytes(), "target").finish(), "s",
                "symlink entry that carries 6 bytes");
        refused(InvalidEntryException.class, new RawTar().entry("dev/", '3', new byte[0], "").finish(), "dev/",
                "character device entry whose name ends in '/'");
    }

    @Test
    void hardLinksWithDataAreReadAndTheDataSkipped() throws IOException {
        Path file = work.resolve("archive.tar");
        Files.write(file, new RawTar().file("a", "a").entry("b", '1', "data".getBytes(), "a")
                .file("c", "c").finish());
        try (LoadedTree loaded = Sources.open(file, SourceOptions.spoolingTo(spool))) {
            assertSame(TreeDiff.find(loaded.tree(), "a"), TreeDiff.find(loaded.tree(), "b"));
            assertNotNull(TreeDiff.find(loaded.tree(), "c"));
        }
    }

    @Test
    void symlinksWithoutTargetAreRefused() throws IOException {
        refused(InvalidEntryException.class, new RawTar().symlink("s", "").finish(), "s", "empty target");
    }

    @Test
    void aSymlinkCannotReplaceAFile() throws IOException {
        byte[] archive = new RawTar().file("a", "x").symlink("a", "/etc/shadow").finish();
        refused(InvalidEntryException.class, archive, "a", "symlink");
    }
}
