package dev.slipway.repository;

import dev.slipway.erofs.ErofsOptions;
import dev.slipway.erofs.ErofsWriter;
import dev.slipway.io.Progress;
import dev.slipway.tree.Content;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.trust.cms.CmsSigner;
import dev.slipway.trust.cms.SigningException;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.manifest.Manifests;
import dev.slipway.trust.manifest.VerityInfo;
import dev.slipway.verity.Verity;
import dev.slipway.verity.VerityParameters;
import dev.slipway.verity.VerityResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A small real build output, made as the builder makes one: a /usr EROFS image (our writer) with
 * its dm-verity area appended (our formatter), fake kernel and initrd bytes, and manifest.json
 * listing all three, signed into manifest.json.p7s. About 3 MiB of data, so several 1 MiB frames.
 *
 * @param rootHash usr.img's verity root hash
 * @param dataSize the filesystem's size: where the verity area starts
 */
record TestBuild(Path directory, Manifest manifest, String rootHash, long dataSize) {

    static final long BUILD_TIME = 1_767_225_600L;

    /** A build of {@code image} {@code version}, its content varied by {@code seed}. */
    static TestBuild create(Path directory, String image, String version, long securityVersion, long seed,
                            SigningKey imageKey) throws IOException {
        Files.createDirectories(directory);
        Path usr = directory.resolve("usr.img");
        ErofsWriter.write(tree(seed), usr, new ErofsOptions(Timestamp.ofSeconds(BUILD_TIME),
                UUID.nameUUIDFromBytes(("fs" + seed).getBytes(StandardCharsets.UTF_8)), "usr"), Progress.NONE);
        long dataSize = Files.size(usr);
        byte[] salt = HexFormat.of().parseHex("5a".repeat(32));
        UUID verityUuid = UUID.nameUUIDFromBytes(("verity" + seed).getBytes(StandardCharsets.UTF_8));
        VerityResult verity = Verity.format(usr, usr, dataSize, VerityParameters.forDataSize(dataSize).withSalt(salt)
                .withUuid(verityUuid), Progress.NONE);
        byte[] kernel = ("MZ fake kernel " + seed).repeat(500).getBytes(StandardCharsets.US_ASCII);
        byte[] initrd = ("070701 fake initrd " + seed).repeat(700).getBytes(StandardCharsets.US_ASCII);
        Files.write(directory.resolve("vmlinuz"), kernel);
        Files.write(directory.resolve("initrd.img"), initrd);
        Files.writeString(directory.resolve("sbom.cdx.json"), "{}");
        VerityInfo info = new VerityInfo("sha256", 4096, 4096, dataSize, dataSize, HexFormat.of().formatHex(salt),
                verityUuid.toString(), verity.rootHashHex());
        List<Artifact> artifacts = List.of(
                new Artifact("usr.img", Artifact.USR, null, Files.size(usr), sha256(Files.readAllBytes(usr)), info),
                Artifact.of("vmlinuz", Artifact.KERNEL, kernel.length, sha256(kernel)),
                Artifact.of("initrd.img", Artifact.INITRD, initrd.length, sha256(initrd)),
                Artifact.of("sbom.cdx.json", Artifact.SBOM, 2, sha256("{}".getBytes(StandardCharsets.US_ASCII))));
        Manifest manifest = new Manifest(Manifest.FORMAT, new Manifest.Image(image, version, "a test image"),
                "slipway/" + image + "/x86_64", securityVersion, BUILD_TIME, "test",
                new Manifest.ProfileDigests(image + ".toml", "11".repeat(32), "22".repeat(32)), List.of(), artifacts);
        byte[] bytes = Manifests.toBytes(manifest);
        Files.write(directory.resolve(Manifest.FILE_NAME), bytes);
        try {
            Files.write(directory.resolve(Manifest.SIGNATURE_FILE_NAME),
                    CmsSigner.sign(imageKey, bytes, Instant.ofEpochSecond(BUILD_TIME)));
        } catch (SigningException e) {
            throw new IllegalStateException(e);
        }
        return new TestBuild(directory, manifest, verity.rootHashHex(), dataSize);
    }

    Path usrImage() {
        return directory.resolve("usr.img");
    }

    /** Random, zero and text blocks in three files: compressible, but not entirely. */
    private static dev.slipway.tree.FileTree tree(long seed) {
        Metadata file = Metadata.of(0644, 0, 0, Timestamp.ofSeconds(BUILD_TIME));
        TreeBuilder builder = new TreeBuilder(null);
        try {
            builder.addDirectory("", Metadata.of(0755, 0, 0, Timestamp.ofSeconds(BUILD_TIME)));
            builder.add("random.bin", new RegularFile(file, Content.ofBytes(Fixtures.mixedData(seed, 300))));
            builder.add("zeros.bin", new RegularFile(file, Content.ofBytes(new byte[200 * 4096])));
            builder.add("text.txt", new RegularFile(file, Content.ofBytes(("line of text " + seed + "\n")
                    .repeat(60_000).getBytes(StandardCharsets.US_ASCII))));
        } catch (InvalidEntryException e) {
            throw new IllegalStateException(e);
        }
        return builder.build();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(FramedPayload.sha256().digest(bytes));
    }
}
