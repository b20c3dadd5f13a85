package dev.slipway.build;

import dev.slipway.profile.ProfileException;
import dev.slipway.profile.Profiles;
import dev.slipway.profile.ResolvedProfile;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.manifest.ManifestException;
import dev.slipway.trust.manifest.Manifests;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a build's output from the inputs it recorded (its lock, epoch and version, with the
 * packages taken from the cache) into a fresh directory, and compares every file the manifest
 * names, then the manifest and its signature: identical, or the first file and byte that differ.
 */
public final class RebuildCheck {

    /**
     * @param identical whether every compared file is byte-identical
     * @param file      the first differing file, or null
     * @param offset    the first differing byte in it (-1 when only the sizes differ at the end), or -1
     * @param compared  the files compared, in order
     * @param rebuilt   what the rebuild wrote
     */
    public record Result(boolean identical, String file, long offset, String detail, List<String> compared,
                         BuildResult rebuilt) {
    }

    private RebuildCheck() {
    }

    /**
     * @param out       the build's output directory (with manifest.json, build.json and lock)
     * @param profile   the profile it was built from: its resolved form must be the recorded one
     * @param rebuild   an empty or missing directory to rebuild into
     * @param cache     the package cache, or null for the default
     * @param agent     slipway-agent's distribution, for a profile that includes it (the rebuild is identical
     *                  only from the same distribution: build.json records its digests), or null
     */
    public static Result run(Path out, Path profile, Path rebuild, Path cache, Path agent, BuildListener listener)
            throws IOException, ProfileException, BuildException {
        BuildRecord record = BuildRecords.read(out.resolve(BuildRecords.FILE_NAME));
        readManifest(out); // a directory without a readable manifest is no build to check
        ResolvedProfile resolved = Profiles.resolve(profile);
        if (!resolved.resolvedDigest().equals(record.profile().resolvedSha256())) {
            throw new BuildException(profile + " does not resolve to the profile " + out + " was built from (resolved"
                    + " SHA-256 " + resolved.resolvedDigest() + ", recorded " + record.profile().resolvedSha256()
                    + "); check out the profile as it was, or pass it with --profile");
        }
        if (Files.exists(rebuild) && !isEmptyDirectory(rebuild)) {
            throw new BuildException(rebuild + " is not empty; a rebuild check needs a fresh directory");
        }
        String version = record.image().version().equals(resolved.profile().image().version()) ? null
                : record.image().version();
        // The epoch is passed on only where the caller gave it: a profile's comes from the profile
        // again, and a source tree's newest mtime (which keeps its nanoseconds) from the tree.
        Timestamp epoch = BuildRecord.EPOCH_FROM_CALLER.equals(record.epochFrom()) ? Timestamp.ofSeconds(record.epoch())
                : null;
        BuildRequest request = new BuildRequest(profile, rebuild, version, epoch, false,
                out.resolve(PackageLock.FILE_NAME), cache, agent);
        return compare(out, ImageBuild.run(request, listener));
    }

    /**
     * Compares each file the rebuilt manifest names with the original output's file (hashing the
     * original, so a file altered after its build is caught), then the manifests and signatures.
     */
    static Result compare(Path out, BuildResult result) throws IOException, BuildException {
        Path rebuild = result.usrImage().getParent();
        Manifest rebuilt = readManifest(rebuild);
        List<String> compared = new ArrayList<>();
        for (Artifact artifact : rebuilt.artifacts()) {
            compared.add(artifact.name());
            Path originalFile = out.resolve(artifact.name());
            if (!Files.isRegularFile(originalFile)) {
                return new Result(false, artifact.name(), -1, "the original output has no such file", compared,
                        result);
            }
            String digest = FileDigests.sha256OfSparse(originalFile);
            if (Files.size(originalFile) != artifact.size() || !digest.equals(artifact.sha256())) {
                return difference(out, result, artifact.name(), compared);
            }
        }
        for (String name : List.of(Manifest.FILE_NAME, Manifest.SIGNATURE_FILE_NAME)) {
            compared.add(name);
            if (Files.mismatch(out.resolve(name), rebuild.resolve(name)) != -1) {
                return difference(out, result, name, compared);
            }
        }
        return new Result(true, null, -1, "identical", compared, result);
    }

    private static Result difference(Path out, BuildResult result, String name, List<String> compared)
            throws IOException {
        Path rebuild = result.usrImage().getParent();
        Path first = out.resolve(name);
        Path second = rebuild.resolve(name);
        long offset = Files.mismatch(first, second);
        String detail = offset == -1 ? "identical bytes, yet " + name + " does not match the digest recorded for it"
                : "first difference at byte " + offset + " (" + Files.size(first) + " bytes in "
                + out + ", " + Files.size(second) + " rebuilt)";
        return new Result(false, name, offset, detail, compared, result);
    }

    private static Manifest readManifest(Path directory) throws IOException, BuildException {
        try {
            return Manifests.parse(Files.readAllBytes(directory.resolve(Manifest.FILE_NAME)));
        } catch (ManifestException e) {
            throw new BuildException(directory.resolve(Manifest.FILE_NAME) + ": " + e.getMessage());
        }
    }

    private static boolean isEmptyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
