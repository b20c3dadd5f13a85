package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.source.Shell;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `slipway verify` and `slipway rebuild-check` on a small signed image: every kind of damage to a
 * signed output is caught and named, and the rebuild check finds the first changed byte.
 */
class SignedImageCommandTest {

    @TempDir
    static Path shared;
    private static Path profile;
    private static Path out;

    @TempDir
    Path temp;

    @BeforeAll
    static void build() {
        try {
            profile = SmallTarImage.create(shared, "signed", "1.0");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out = shared.resolve("out");
        Cli.Run build = Cli.run("build", profile.toString(), "-o", out.toString(), "-q");
        assertEquals(ExitCode.OK, build.exitCode(), build.err());
        assertTrue(build.err().contains("DEVELOPMENT key"), "the build says loudly it used development keys: "
                + build.err());
    }

    /** A copy of the output to damage; disks stay sparse. */
    private Path copy() throws IOException {
        Path copy = temp.resolve("copy");
        Shell.run("cp", "-a", "--sparse=always", out.toString(), copy.toString());
        return copy;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x01);
        }
    }

    @Test
    void aFreshBuildVerifiesDeeplyAndReportsItsDevelopmentKey() throws IOException {
        Cli.Run verify = Cli.run("verify", out.toString(), "--deep");
        assertEquals(ExitCode.OK, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().contains("usr.img verity: dm-verity tree recomputed"), verify.out());
        assertTrue(verify.out().contains("DEVELOPMENT KEY"), verify.out());
        for (String name : new String[] {"disk.raw", "disk.vhd", "disk.vhdx", "sbom.cdx.json", "provenance.intoto.json",
                "lock", "build.json"}) {
            assertTrue(verify.out().contains("ok   " + name + " sha256"), name + " checked: " + verify.out());
        }
        JsonNode json = new ObjectMapper().readTree(Cli.run("verify", out.resolve("manifest.json").toString(),
                "--json", "-q").out());
        assertTrue(json.get("verified").asBoolean());
        assertTrue(json.get("signature").get("development").asBoolean());
    }

    @Test
    void developmentKeysAreRefusedWhenProductionIsRequired() {
        Cli.Run verify = Cli.run("verify", out.toString(), "--require-production");
        assertEquals(ExitCode.CHECK_FAILED, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("signature: FAILED (DEVELOPMENT_KEY_REFUSED)"), verify.out());
    }

    @Test
    void oneChangedByteInAnyArtifactFailsNamingIt() throws IOException {
        for (String name : new String[] {"usr.img", "disk.raw", "disk.vhd", "disk.vhdx", "sbom.cdx.json"}) {
            Path copy = copy();
            flipByte(copy.resolve(name), Files.size(copy.resolve(name)) / 2);
            Cli.Run verify = Cli.run("verify", copy.toString(), "-q");
            assertEquals(ExitCode.CHECK_FAILED, verify.exitCode(), name + ": " + verify.out());
            assertTrue(verify.out().contains("FAIL " + name + " sha256: SHA-256 "), verify.out());
            assertTrue(verify.out().contains("1 of "), verify.out());
            Shell.run("rm", "-rf", copy.toString());
        }
    }

    @Test
    void aChangedByteUnderTheTreeFailsTheDeepCheckEvenWithAForgedDigest() throws IOException {
        // What --deep adds: a usr.img whose digest was "fixed up" still fails its signed root hash.
        Path copy = copy();
        Path usr = copy.resolve("usr.img");
        flipByte(usr, 4096);
        Cli.Run verify = Cli.run("verify", copy.toString(), "--deep", "-q");
        assertEquals(ExitCode.CHECK_FAILED, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("FAIL usr.img sha256"), verify.out());
    }

    @Test
    void aMissingOrTruncatedArtifactIsNamed() throws IOException {
        Path copy = copy();
        Files.delete(copy.resolve("disk.vhdx"));
        try (RandomAccessFile raf = new RandomAccessFile(copy.resolve("usr.img").toFile(), "rw")) {
            raf.setLength(raf.length() - 1);
        }
        Cli.Run verify = Cli.run("verify", copy.toString(), "-q");
        assertEquals(ExitCode.CHECK_FAILED, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("FAIL disk.vhdx present: missing"), verify.out());
        assertTrue(verify.out().contains("FAIL usr.img size:"), verify.out());
        assertTrue(verify.out().contains("truncated"), verify.out());
    }

    @Test
    void anEditedManifestFailsTheSignature() throws IOException {
        Path copy = copy();
        flipByte(copy.resolve("manifest.json"), 10);
        Cli.Run verify = Cli.run("verify", copy.toString(), "-q");
        assertEquals(ExitCode.CHECK_FAILED, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("signature: FAILED (DIGEST_MISMATCH)"), verify.out());
        assertTrue(verify.out().contains("NOT VERIFIED: the signature was refused"), verify.out());
    }

    @Test
    void theRebuildCheckReproducesTheBuildAndNamesTheFirstAlteredByte() throws IOException {
        Cli.Run same = Cli.run("rebuild-check", out.toString(), "--profile", profile.toString(), "-q");
        assertEquals(ExitCode.OK, same.exitCode(), same.out() + same.err());
        assertTrue(same.out().startsWith("identical: the rebuild reproduced all 10 files"), same.out());

        Path copy = copy();
        flipByte(copy.resolve("usr.img"), 12345);
        Cli.Run altered = Cli.run("rebuild-check", copy.toString(), "--profile", profile.toString(), "--json", "-q");
        assertEquals(ExitCode.CHECK_FAILED, altered.exitCode(), altered.out() + altered.err());
        JsonNode json = new ObjectMapper().readTree(altered.out());
        assertEquals("usr.img", json.get("file").asText());
        assertEquals(12345, json.get("offset").asLong());
    }

    @Test
    void aLockedBuildRefusesASourceThatChanged() throws IOException {
        Path lock = temp.resolve("lock");
        Files.copy(out.resolve("lock"), lock);
        Path changed = temp.resolve("changed");
        Path changedProfile = SmallTarImage.create(changed, "signed", "1.0");
        Files.writeString(changed.resolve("rootfs/usr/extra"), "not in the lock");
        Shell.run("tar", "--format=posix", "-rf", changed.resolve("rootfs.tar").toString(), "-C",
                changed.resolve("rootfs").toString(), "./usr/extra");
        Cli.Run build = Cli.run("build", changedProfile.toString(), "--locked", lock.toString(), "-o",
                temp.resolve("out").toString(), "-q");
        assertEquals(ExitCode.INVALID_INPUT, build.exitCode(), build.err());
        assertTrue(build.err().contains("the composed inputs differ from the lock"), build.err());
        assertTrue(build.err().contains("tar-sha256"), build.err());
        assertTrue(Files.notExists(temp.resolve("out/manifest.json")));
    }

    @Test
    void anUnlockedBuildWarnsOfDriftFromTheLockBesideItsProfile() throws IOException {
        Path other = SmallTarImage.create(temp.resolve("drift"), "signed", "1.0");
        Files.writeString(temp.resolve("drift/rootfs/usr/extra"), "drift");
        Shell.run("tar", "--format=posix", "-rf", temp.resolve("drift/rootfs.tar").toString(), "-C",
                temp.resolve("drift/rootfs").toString(), "./usr/extra");
        Files.copy(out.resolve("lock"), temp.resolve("drift/signed.lock"));
        Cli.Run build = Cli.run("build", other.toString(), "-o", temp.resolve("out").toString(), "-q");
        assertEquals(ExitCode.OK, build.exitCode(), build.err());
        assertTrue(build.err().contains("warning: 1 inputs differ from signed.lock"), build.err());
        assertTrue(build.err().contains("--locked"), build.err());
    }
}
