package dev.slipway.build;

import dev.slipway.profile.Profile;
import dev.slipway.profile.ProfileException;
import dev.slipway.profile.Profiles;
import dev.slipway.profile.ResolvedProfile;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Timestamp;
import dev.slipway.verity.VerityResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A build, as the data flows: resolve the profile, compose the root tree, normalise it, write /usr
 * as EROFS, append its dm-verity tree, record what was used and made. Writes {@code usr.img} and
 * {@code build.json} into the output directory, each renamed into place when complete, build.json
 * last, so a build.json always describes the usr.img beside it.
 *
 * <p>Nothing depends on the clock, the output path or the host beyond the inputs: the epoch comes
 * from the caller or the profile (or, for a tree that exists already, its newest mtime), the
 * identifiers from the tree.
 */
public final class ImageBuild {

    public static final String USR_IMAGE = "usr.img";

    private final BuildRequest request;
    private final BuildListener listener;
    private final Map<BuildStep, Duration> durations = new EnumMap<>(BuildStep.class);

    private ImageBuild(BuildRequest request, BuildListener listener) {
        this.request = request;
        this.listener = listener;
    }

    public static BuildResult run(BuildRequest request, BuildListener listener)
            throws IOException, ProfileException, BuildException {
        return new ImageBuild(request, listener).run();
    }

    private BuildResult run() throws IOException, ProfileException, BuildException {
        ResolvedProfile resolved = step(BuildStep.RESOLVE, request.profile().toString(),
                () -> Profiles.resolve(request.profile()));
        Profile profile = request.versionOverride() == null ? resolved.profile()
                : resolved.profile().withVersion(request.versionOverride());
        Timestamp epoch = epoch(profile);
        Path out = Files.createDirectories(request.outputDirectory().toAbsolutePath());
        // World-searchable like any build tree: apt's unprivileged _apt user downloads into it.
        Path work = Files.createTempDirectory(out, ".work-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            ComposeContext context = new ComposeContext(epoch, work, out, resolved.file().getParent(),
                    request.keepRootfs(), listener);
            try (Composition composition = step(BuildStep.COMPOSE, profile.source().kind(),
                    () -> Composer.compose(profile.source(), context))) {
                Timestamp buildTime = epoch != null ? epoch : composition.tree().newestMtime();
                Normalization.Result normalized = step(BuildStep.NORMALIZE, "",
                        () -> Normalization.apply(composition.tree()));
                FileTree usr = UsrFilesystem.usrTree(normalized.tree());
                Path image = work.resolve(USR_IMAGE);
                UsrFilesystem.Filesystem filesystem = step(BuildStep.USR_EROFS, "/usr",
                        () -> UsrFilesystem.writeErofs(usr, buildTime, image, listener.progress()));
                VerityResult verity = step(BuildStep.VERITY, "",
                        () -> UsrFilesystem.appendVerity(filesystem, image, listener.progress()));
                BuildRecord record = step(BuildStep.RECORD, BuildRecords.FILE_NAME, () -> record(resolved, profile,
                        buildTime, composition, normalized.changed(), image, filesystem, verity));
                return publish(out, work, image, record);
            }
        } finally {
            deleteRecursively(work);
        }
    }

    /** The caller's epoch, else the profile's; a Debian composition cannot do without one. */
    private Timestamp epoch(Profile profile) {
        if (request.epochOverride() != null) {
            return request.epochOverride();
        }
        if (profile.image().epoch() != null) {
            return Timestamp.ofSeconds(profile.image().epoch());
        }
        return null;
    }

    private BuildRecord record(ResolvedProfile resolved, Profile profile, Timestamp buildTime, Composition composition,
                               List<String> normalized, Path image, UsrFilesystem.Filesystem filesystem,
                               VerityResult verity) throws IOException {
        Path profileDir = resolved.file().getParent();
        var profileDigests = new BuildRecord.ProfileDigests(resolved.file().getFileName().toString(),
                resolved.chain().stream().map(p -> profileDir.relativize(p).toString()).toList(),
                resolved.profileDigest(), resolved.resolvedDigest());
        var parameters = verity.parameters();
        var usr = new BuildRecord.Usr(USR_IMAGE, Files.size(image), FileDigests.sha256(image), "erofs",
                filesystem.uuid().toString(), parameters.dataSize(), parameters.dataBlocks(), verity.hashOffset(),
                parameters.algorithm(), parameters.dataBlockSize(), parameters.hashBlockSize(), parameters.saltHex(),
                parameters.uuid().toString(), verity.rootHashHex());
        var imageInfo = new BuildRecord.Image(profile.image().name(), profile.image().version(),
                profile.image().description());
        return new BuildRecord(BuildRecord.FORMAT, SlipwayBuildVersion.get(), imageInfo, profileDigests,
                buildTime.seconds(), composition.source(), normalized, composition.packages(), usr);
    }

    private BuildResult publish(Path out, Path work, Path image, BuildRecord record) throws IOException {
        Path recordPartial = work.resolve(BuildRecords.FILE_NAME);
        Files.write(recordPartial, BuildRecords.toBytes(record));
        Path usrImage = out.resolve(USR_IMAGE);
        Path recordFile = out.resolve(BuildRecords.FILE_NAME);
        // An old build.json must never describe a new usr.img: drop it first, write it last.
        Files.deleteIfExists(recordFile);
        Files.move(image, usrImage, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(recordPartial, recordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new BuildResult(usrImage, recordFile, record, durations);
    }

    private interface StepBody<T> {
        T run() throws IOException, ProfileException, BuildException;
    }

    private <T> T step(BuildStep step, String detail, StepBody<T> body)
            throws IOException, ProfileException, BuildException {
        listener.stepStarted(step, detail);
        long start = System.nanoTime();
        T result = body.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        durations.put(step, took);
        listener.stepFinished(step, took);
        return result;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
