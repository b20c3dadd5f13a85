package dev.slipway.verity;

import dev.slipway.io.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our trees against veritysetup's: same root hashes, byte-identical hash areas, each side's
 * verifier accepting the other's output. Damage is covered by {@link VerityDamageTest}.
 */
class VeritysetupRefereeTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsVeritysetup() {
        assertTrue(Veritysetup.available(), "veritysetup (cryptsetup-bin) is missing: run scripts/test, which installs it");
    }

    static VerityParameters parameters(long dataBlocks, long seed) {
        return new VerityParameters("sha256", 4096, 4096, dataBlocks, Veritysetup.randomBytes(seed, 32),
                new UUID(0x1234_5678_9abc_4defL ^ seed, 0x8000_0000_0000_0000L | seed));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 127, 128, 129, 16383, 16384, 16385})
    void separateHashFileIsVeritysetups(long blocks) throws IOException {
        Path data = Veritysetup.writeRandom(dir.resolve("data"), blocks, blocks * 4096);
        VerityParameters p = parameters(blocks, blocks);
        Path ours = dir.resolve("ours.hash");
        Path theirs = dir.resolve("theirs.hash");

        VerityResult result = Verity.format(data, ours, 0, p, Progress.NONE);
        String root = Veritysetup.format(data, theirs, p);

        assertEquals(root, result.rootHashHex());
        assertEquals(-1, Arrays.mismatch(Files.readAllBytes(theirs), Files.readAllBytes(ours)), "first differing byte");
        assertEquals(result.hashAreaEnd(), Files.size(ours));
        assertEquals(result.hashAreaSize(), Files.size(ours));
        Veritysetup.run("verify", data.toString(), ours.toString(), root).requireSuccess();
        VerificationResult verified = Verity.verify(data, theirs, 0, HexFormat.of().parseHex(root), Progress.NONE);
        assertTrue(verified.ok(), verified::message);
        assertEquals(p, verified.parameters());
        assertDumpShows(ours, 0, p, result.geometry());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 127, 128, 129, 16383, 16384, 16385})
    void appendedHashAreaIsVeritysetups(long blocks) throws IOException {
        long dataEnd = blocks * 4096;
        // Even counts: the hash area right after the data, as Flatcar lays out /usr. Odd counts: a
        // block and a half of unrelated bytes between them, so the superblock is not block-aligned.
        long hashOffset = dataEnd + (blocks % 2 == 1 ? 6144 : 0);
        VerityParameters p = parameters(blocks, blocks + 1000);
        TreeGeometry geometry = TreeGeometry.afterSuperblock(p, hashOffset);
        // Random bytes everywhere, the hash area and 5000 bytes past it included: both tools must
        // write the same bytes over them and leave the rest, the file's length included, alone.
        byte[] original = Veritysetup.randomBytes(~blocks, Math.toIntExact(geometry.treeEnd() + 5000));
        Path ours = Files.write(dir.resolve("ours.img"), original);
        Path theirs = Files.write(dir.resolve("theirs.img"), original);

        VerityResult result = Verity.format(ours, ours, hashOffset, p, Progress.NONE);
        String root = Veritysetup.format(theirs, theirs, p, "--hash-offset=" + hashOffset, "--data-blocks=" + blocks);

        assertEquals(root, result.rootHashHex());
        byte[] after = Files.readAllBytes(ours);
        assertEquals(-1, Arrays.mismatch(Files.readAllBytes(theirs), after), "first differing byte");
        assertEquals(original.length, after.length);
        assertUnchanged(original, after, 0, hashOffset);
        assertUnchanged(original, after, hashOffset + VeritySuperblock.SIZE, geometry.treeOffset());
        assertUnchanged(original, after, geometry.treeEnd(), original.length);

        Veritysetup.run("verify", ours.toString(), ours.toString(), root, "--hash-offset=" + hashOffset).requireSuccess();
        VerificationResult verified = Verity.verify(theirs, theirs, hashOffset, HexFormat.of().parseHex(root), Progress.NONE);
        assertTrue(verified.ok(), verified::message);
        assertDumpShows(ours, hashOffset, p, geometry);
    }

    /** Other block sizes and digests whose slots need padding (SHA-1: 20 bytes in 32). */
    @ParameterizedTest
    @ValueSource(strings = {"sha1 1024 512 3000", "sha512 4096 4096 700", "sha256 512 8192 5000", "sha384 8192 1024 99"})
    void otherParametersMatchVeritysetup(String spec) throws IOException {
        String[] f = spec.split(" ");
        long blocks = Long.parseLong(f[3]);
        VerityParameters p = parameters(blocks, 99).withAlgorithm(f[0])
                .withBlockSizes(Integer.parseInt(f[1]), Integer.parseInt(f[2])).withSalt(new byte[0]);
        Path data = Veritysetup.writeRandom(dir.resolve("data"), 5, blocks * p.dataBlockSize());
        VerityResult result = Verity.format(data, dir.resolve("ours"), 0, p, Progress.NONE);
        String root = Veritysetup.format(data, dir.resolve("theirs"), p);
        assertEquals(root, result.rootHashHex());
        assertEquals(-1, Arrays.mismatch(Files.readAllBytes(dir.resolve("theirs")), Files.readAllBytes(dir.resolve("ours"))));
        assertTrue(Verity.verify(data, dir.resolve("theirs"), 0, result.rootHash(), Progress.NONE).ok());
        assertDumpShows(dir.resolve("ours"), 0, p, result.geometry());
    }

    @Test
    void veritysetupDefaultsAreReadBack() throws IOException {
        // Random salt and UUID chosen by veritysetup: our reader must recover them from its superblock.
        Path data = Veritysetup.writeRandom(dir.resolve("data"), 3, 300 * 4096);
        Path hash = dir.resolve("hash");
        Veritysetup.Run run = Veritysetup.run("format", data.toString(), hash.toString()).requireSuccess();
        Map<String, String> fields = run.fields();
        VerityParameters p = VeritySuperblock.read(hash, 0).toParameters();
        assertEquals(fields.get("UUID"), p.uuid().toString());
        assertEquals(fields.get("Salt"), p.saltHex());
        VerityResult again = Verity.format(data, dir.resolve("ours"), 0, p, Progress.NONE);
        assertEquals(run.rootHash(), again.rootHashHex());
    }

    private static void assertUnchanged(byte[] original, byte[] after, long from, long to) {
        int f = Math.toIntExact(from);
        int t = Math.toIntExact(to);
        assertEquals(-1, Arrays.mismatch(original, f, t, after, f, t), "bytes " + from + ".." + to + " changed");
    }

    /** {@code veritysetup dump} must show what our superblock says. */
    private static void assertDumpShows(Path hash, long offset, VerityParameters p, TreeGeometry geometry)
            throws IOException {
        Map<String, String> dump = Veritysetup.run("dump", hash.toString(), "--hash-offset=" + offset)
                .requireSuccess().fields();
        VeritySuperblock superblock = VeritySuperblock.read(hash, offset);
        assertEquals(p, superblock.toParameters());
        assertEquals(superblock.uuid().toString(), dump.get("UUID"));
        assertEquals(Integer.toString(superblock.hashType()), dump.get("Hash type"));
        assertEquals(Long.toString(superblock.dataBlocks()), dump.get("Data blocks"));
        assertEquals(Integer.toString(superblock.dataBlockSize()), dump.get("Data block size"));
        assertEquals(Integer.toString(superblock.hashBlockSize()), dump.get("Hash block size"));
        assertEquals(superblock.algorithm(), dump.get("Hash algorithm"));
        assertEquals(p.saltHex(), dump.get("Salt"));
        assertEquals(Long.toString(geometry.hashBlocks()), dump.get("Hash blocks"));
        String deviceSize = dump.get("Hash device size");
        if (deviceSize != null) {
            assertEquals(geometry.treeEnd() + " [bytes]", deviceSize);
        }
    }
}
