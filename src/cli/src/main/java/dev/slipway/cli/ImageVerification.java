package dev.slipway.cli;

import dev.slipway.build.FileDigests;
import dev.slipway.io.Progress;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.manifest.VerityInfo;
import dev.slipway.verity.VerificationResult;
import dev.slipway.verity.Verity;
import dev.slipway.verity.VerityParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks every artifact a verified manifest names against the files beside it: present, the size
 * the manifest says, the SHA-256 it says; with {@code deep}, the /usr image's dm-verity tree is
 * recomputed from its data too. Every check is reported, failed or not, so a reviewer sees what was
 * covered.
 */
final class ImageVerification {

    /** One check on one artifact; {@code meaning} says what a failure implies and what to do. */
    record Check(String artifact, String check, boolean ok, String detail) {
    }

    private ImageVerification() {
    }

    static List<Check> artifacts(Manifest manifest, Path directory, boolean deep, Progress progress)
            throws IOException {
        List<Check> checks = new ArrayList<>();
        for (Artifact artifact : manifest.artifacts()) {
            Path file = directory.resolve(artifact.name());
            if (!Files.isRegularFile(file)) {
                checks.add(new Check(artifact.name(), "present", false, "missing: the manifest lists it but "
                        + file + " does not exist; copy the whole output directory, not only some files"));
                continue;
            }
            long size = Files.size(file);
            if (size != artifact.size()) {
                String why = size < artifact.size() ? "truncated: an incomplete download or copy?"
                        : "longer than signed: appended to or replaced";
                checks.add(new Check(artifact.name(), "size", false, size + " bytes, but the manifest says "
                        + artifact.size() + " (" + why + "); do not use it"));
                continue;
            }
            String digest = FileDigests.sha256OfSparse(file);
            if (!digest.equals(artifact.sha256())) {
                checks.add(new Check(artifact.name(), "sha256", false, "SHA-256 " + digest + " differs from the signed "
                        + artifact.sha256() + ": the file changed after signing or was damaged; do not use it"));
                continue;
            }
            checks.add(new Check(artifact.name(), "sha256", true, size + " bytes, SHA-256 " + digest));
            if (deep && artifact.verity() != null) {
                checks.add(verity(artifact, file, progress));
            }
        }
        return checks;
    }

    /** Recomputes the hash tree from the data and compares every parameter with the signed ones. */
    private static Check verity(Artifact artifact, Path file, Progress progress) throws IOException {
        VerityInfo signed = artifact.verity();
        VerificationResult result = Verity.verify(file, file, signed.hashOffset(), HexFormat.of().parseHex(
                signed.rootHash()), progress);
        if (!result.ok()) {
            return new Check(artifact.name(), "verity", false, result.message()
                    + " (the dm-verity tree does not match the signed root hash: a node would refuse to read it)");
        }
        VerityParameters found = result.parameters();
        List<String> differences = new ArrayList<>();
        compare(differences, "algorithm", signed.algorithm(), found.algorithm());
        compare(differences, "data block size", signed.dataBlockSize(), found.dataBlockSize());
        compare(differences, "hash block size", signed.hashBlockSize(), found.hashBlockSize());
        compare(differences, "data size", signed.dataSize(), found.dataSize());
        compare(differences, "salt", signed.salt(), found.saltHex());
        compare(differences, "uuid", signed.uuid(), found.uuid().toString());
        if (!differences.isEmpty()) {
            return new Check(artifact.name(), "verity", false, "the verity superblock differs from the manifest: "
                    + String.join("; ", differences));
        }
        return new Check(artifact.name(), "verity", true, "dm-verity tree recomputed: root hash " + signed.rootHash()
                + " over " + signed.dataSize() + " bytes");
    }

    private static void compare(List<String> differences, String what, Object signed, Object found) {
        if (!signed.equals(found)) {
            differences.add(what + " " + found + ", signed " + signed);
        }
    }

    /** The manifest file an argument names: the file itself, or manifest.json in a directory. */
    static Path manifestFile(Path argument) {
        return Files.isDirectory(argument) ? argument.resolve(Manifest.FILE_NAME) : argument;
    }
}
