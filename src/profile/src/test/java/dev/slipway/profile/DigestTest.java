package dev.slipway.profile;

import static dev.slipway.profile.ProfileFiles.DEBIAN_BASE;
import static dev.slipway.profile.ProfileFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile digest covers every byte of every chain file and their names; the resolved digest only the values. */
class DigestTest {

    private static final String LEAF = "extends = \"../base/base.toml\"\n[image]\nversion = \"2\"\n";

    @TempDir
    Path dir;
    private Path base;
    private Path leaf;

    @BeforeEach
    void writeChain() {
        base = write(dir, "base/base.toml", DEBIAN_BASE);
        leaf = write(dir, "leaf/leaf.toml", LEAF);
    }

    @Test
    void profileDigestIsTheDocumentedHash() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String part : new String[] {"../base/base.toml", DEBIAN_BASE, "leaf.toml", LEAF}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
            sha.update(bytes);
        }
        assertEquals(HexFormat.of().formatHex(sha.digest()), Profiles.resolve(leaf).profileDigest());
    }

    @Test
    void resolvedDigestIsTheHashOfTheText() throws Exception {
        ResolvedProfile resolved = Profiles.resolve(leaf);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(resolved.resolvedToml().getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(hash), resolved.resolvedDigest());
    }

    @Test
    void stableAcrossRunsAndPlaces(@TempDir Path elsewhere) throws Exception {
        ResolvedProfile first = Profiles.resolve(leaf);
        ResolvedProfile moved = Profiles.resolve(copyChain(elsewhere));
        assertEquals(first.profileDigest(), Profiles.resolve(leaf).profileDigest());
        assertEquals(first.profileDigest(), moved.profileDigest());
        assertEquals(first.resolvedDigest(), moved.resolvedDigest());
    }

    @Test
    void aCommentChangesOnlyTheProfileDigest() throws Exception {
        ResolvedProfile before = Profiles.resolve(leaf);
        Files.writeString(base, "# a comment\n" + DEBIAN_BASE);
        ResolvedProfile after = Profiles.resolve(leaf);
        assertNotEquals(before.profileDigest(), after.profileDigest());
        assertEquals(before.resolvedDigest(), after.resolvedDigest());
    }

    @Test
    void aValueInAnyFileChangesBoth() throws Exception {
        ResolvedProfile before = Profiles.resolve(leaf);
        Files.writeString(base, DEBIAN_BASE.replace("udev", "udev2"));
        ResolvedProfile baseChanged = Profiles.resolve(leaf);
        assertNotEquals(before.profileDigest(), baseChanged.profileDigest());
        assertNotEquals(before.resolvedDigest(), baseChanged.resolvedDigest());
        Files.writeString(leaf, LEAF.replace("\"2\"", "\"3\""));
        ResolvedProfile leafChanged = Profiles.resolve(leaf);
        assertNotEquals(baseChanged.profileDigest(), leafChanged.profileDigest());
        assertNotEquals(baseChanged.resolvedDigest(), leafChanged.resolvedDigest());
    }

    /** Bytes alone are not the chain: the same bytes under another name are another profile. */
    @Test
    void theLeafsNameCounts() throws Exception {
        Path renamed = write(dir, "leaf/renamed.toml", LEAF);
        assertNotEquals(Profiles.resolve(leaf).profileDigest(), Profiles.resolve(renamed).profileDigest());
    }

    private Path copyChain(Path elsewhere) {
        write(elsewhere, "base/base.toml", DEBIAN_BASE);
        return write(elsewhere, "leaf/leaf.toml", LEAF);
    }
}
