package dev.slipway.agent.testing;

import dev.slipway.io.Progress;
import dev.slipway.trust.cms.CmsSigner;
import dev.slipway.trust.cms.SigningKeys;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.manifest.Manifests;
import dev.slipway.trust.manifest.VerityInfo;
import dev.slipway.trust.pki.KeyRole;
import dev.slipway.verity.Verity;
import dev.slipway.verity.VerityParameters;
import dev.slipway.verity.VerityResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A small build output as {@code slipway build} lays it out for what publishing and the agent read: usr.img
 * (data with the dm-verity tree appended at the end of the data), vmlinuz, initrd.img and manifest.json signed
 * with the development image key. The data is not a filesystem: the agent never reads inside /usr, and
 * veritysetup checks what it writes. Half of each MiB is random, half zeros, so frames compress like a real
 * /usr does, roughly.
 */
public record TestBuild(Path directory, String version, long securityVersion, String rootHash, long dataSize,
                        long hashOffset, long usrSize) {

    public static final String NAME = "test-node";
    public static final String COMPATIBILITY = "slipway/test-node/x86_64";
    public static final long BUILD_TIME = 1_760_000_000L;

    public static TestBuild make(Path directory, String version, long securityVersion, int dataMiB) throws Exception {
        return make(directory, version, securityVersion, dataMiB, COMPATIBILITY);
    }

    /** A build for other machines than the test node's when {@code compatibility} differs. */
    public static TestBuild make(Path directory, String version, long securityVersion, int dataMiB,
                                 String compatibility) throws Exception {
        Files.createDirectories(directory);
        long seed = version.hashCode();
        Random random = new Random(seed);
        Path usr = directory.resolve("usr.img");
        long dataSize = (long) dataMiB << 20;
        byte[] mib = new byte[1 << 20];
        try (var out = Files.newOutputStream(usr)) {
            for (int i = 0; i < dataMiB; i++) {
                java.util.Arrays.fill(mib, (byte) 0);
                byte[] noise = new byte[mib.length / 2];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, mib, 0, noise.length);
                out.write(mib);
            }
        }
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        VerityParameters parameters = VerityParameters.forDataSize(dataSize).withSalt(salt)
                .withUuid(new UUID(seed, seed));
        VerityResult verity = Verity.format(usr, usr, dataSize, parameters, Progress.NONE);
        Path kernel = directory.resolve("vmlinuz");
        Path initrd = directory.resolve("initrd.img");
        Files.write(kernel, bytes(random, 96 << 10));
        Files.write(initrd, bytes(random, 160 << 10));
        VerityInfo info = new VerityInfo("sha256", 4096, 4096, dataSize, dataSize, HexFormat.of().formatHex(salt),
                parameters.uuid().toString(), verity.rootHashHex());
        List<Artifact> artifacts = List.of(
                new Artifact("usr.img", Artifact.USR, null, Files.size(usr), sha256(usr), info),
                Artifact.of("vmlinuz", Artifact.KERNEL, Files.size(kernel), sha256(kernel)),
                Artifact.of("initrd.img", Artifact.INITRD, Files.size(initrd), sha256(initrd)));
        String zeros = "0".repeat(64);
        Manifest manifest = new Manifest(Manifest.FORMAT, new Manifest.Image(NAME, version, "agent test image"),
                compatibility, securityVersion, BUILD_TIME, "test", new Manifest.ProfileDigests("test.toml", zeros,
                zeros), List.of(), artifacts);
        byte[] bytes = Manifests.toBytes(manifest);
        Files.write(directory.resolve(Manifest.FILE_NAME), bytes);
        Files.write(directory.resolve(Manifest.SIGNATURE_FILE_NAME), CmsSigner.sign(
                SigningKeys.development(KeyRole.IMAGE_SIGNING), bytes, Instant.ofEpochSecond(BUILD_TIME)));
        return new TestBuild(directory, version, securityVersion, verity.rootHashHex(), dataSize, dataSize,
                Files.size(usr));
    }

    public Path usrImage() {
        return directory.resolve("usr.img");
    }

    public byte[] kernel() throws IOException {
        return Files.readAllBytes(directory.resolve("vmlinuz"));
    }

    public byte[] initrd() throws IOException {
        return Files.readAllBytes(directory.resolve("initrd.img"));
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
