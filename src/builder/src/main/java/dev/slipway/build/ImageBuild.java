package dev.slipway.build;

import dev.slipway.build.boot.BootException;
import dev.slipway.build.boot.BootFiles;
import dev.slipway.gpt.PartitionTable;
import dev.slipway.profile.Profile;
import dev.slipway.profile.ProfileException;
import dev.slipway.profile.Profiles;
import dev.slipway.profile.ResolvedProfile;
import dev.slipway.slot.SlotTrailer;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeEdits;
import dev.slipway.verity.VerityResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
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
    /** Slot A's kernel and initrd beside the disks, for publishing updates (the ESP holds copies). */
    public static final String KERNEL = "vmlinuz";
    public static final String INITRD = "initrd.img";

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
        if (!profile.disk().formats().isEmpty()) {
            DiskAssembly.plan(profile.disk(), new byte[32]); // a layout that cannot fit fails before any work
        }
        if (profile.agent().included()) {
            AgentBundle.check(request.agentDistribution(), profile.agent().trust(), buildJdk());
        }
        Path outputDirectory = request.outputDirectory() != null ? request.outputDirectory()
                : Path.of("out", profile.image().name());
        Path out = Files.createDirectories(outputDirectory.toAbsolutePath());
        // World-searchable like any build tree: apt's unprivileged _apt user downloads into it.
        Path work = Files.createTempDirectory(out, ".work-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            PackageLock lock = request.lockFile() == null ? null : BuildRecords.readLock(request.lockFile());
            PackageCache cache = new PackageCache(request.cacheDirectory() != null ? request.cacheDirectory()
                    : PackageCache.defaultRoot());
            ComposeContext context = new ComposeContext(epoch, work, out, resolved.file().getParent(),
                    request.keepRootfs(), lock, cache, listener);
            try (Composition composition = step(BuildStep.COMPOSE, profile.source().kind(),
                    () -> Composer.compose(profile.source(), context))) {
                PackageLock composed = PackageLock.of(composition);
                checkLock(lock, composed, resolved);
                Timestamp buildTime = epoch != null ? epoch : composition.tree().newestMtime();
                AgentLaid agent = profile.agent().included() ? step(BuildStep.AGENT, "runtime (jlink), units, config",
                        () -> layAgent(composition.tree(), profile, buildTime, work))
                        : new AgentLaid(composition.tree(), null);
                ProfileTrees.Applied withFiles = profile.files().trees().isEmpty()
                        ? new ProfileTrees.Applied(agent.tree(), List.of())
                        : step(BuildStep.FILES, profile.files().trees().size() + " tree(s)", () -> ProfileTrees.layOver(
                                agent.tree(), profile.files().trees(), buildTime, work));
                Normalization.Result normalized = step(BuildStep.NORMALIZE, "",
                        () -> Normalization.apply(withFiles.tree()));
                byte[] sbom = step(BuildStep.SBOM, Sbom.FILE_NAME, () -> Sbom.write(normalized.tree(),
                        composition.packages(), agent.record(), profile.image().name(), profile.image().version(),
                        buildTime));
                UsrFilesystem.usrTree(normalized.tree()); // a tree without /usr is refused before anything is added
                ImagePolicy.Result policed = step(BuildStep.POLICY, "", () -> ImagePolicy.apply(normalized.tree(),
                        profile.policy()));
                FileTree finished = finish(policed.tree(), profile, sbom, buildTime);
                FileTree usr = UsrFilesystem.usrTree(finished);
                Path image = work.resolve(USR_IMAGE);
                UsrFilesystem.Filesystem filesystem = step(BuildStep.USR_EROFS, "/usr",
                        () -> UsrFilesystem.writeErofs(usr, buildTime, image, listener.progress()));
                VerityResult verity = step(BuildStep.VERITY, "",
                        () -> UsrFilesystem.appendVerity(filesystem, image, listener.progress()));
                BuildRecord.Usr usrRecord = usrRecord(image, filesystem, verity);
                Boot boot = BootFiles.bootable(finished) ? step(BuildStep.BOOT, "initrd, ESP",
                        () -> boot(finished, profile, usrRecord, buildTime, work)) : Boot.none(buildTime);
                Disks disks = profile.disk().formats().isEmpty() ? Disks.NONE
                        : writeDisks(profile, filesystem, usrRecord, image, boot.esp(), buildTime, work, out);
                BuildRecord record = record(resolved, profile, buildTime, composition, agent.record(), withFiles.layers(),
                        normalized.changed(), policed.removed(), usrRecord, disks.record());
                List<ImageManifests.Extra> extras = new ArrayList<>(boot.files());
                extras.addAll(step(BuildStep.RECORD, "build.json, lock, SBOM, provenance",
                        () -> writeRecords(work, record, composed, sbom, composition, request.versionOverride())));
                List<Path> signed = step(BuildStep.SIGN, Manifest.FILE_NAME, () -> ManifestSigning.write(
                        ImageManifests.of(profile, record, extras), profile.signing(), resolved.file().getParent(), work,
                        listener));
                List<Path> metadata = new ArrayList<>(extras.stream().map(ImageManifests.Extra::file).toList());
                metadata.addAll(signed);
                return publish(out, image, disks.files(), metadata, record);
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /**
     * The tree as the image ships it, after the policy: os-release stamped, /etc's defaults and the
     * SBOM under /usr, and for a bootable image Slipway's boot units (health check, status report).
     */
    private static FileTree finish(FileTree policed, Profile profile, byte[] sbom, Timestamp buildTime)
            throws IOException, BuildException {
        FileTree stamped = OsRelease.stamp(policed, profile.image().name(), profile.image().version(), buildTime);
        FileTree finished = withSbom(EtcDefaults.intoUsr(stamped, buildTime), sbom, buildTime);
        return BootFiles.bootable(finished) ? BootFiles.withBootUnits(finished, buildTime) : finished;
    }

    /** The tree with slipway-agent laid over it, and build.json's record of the agent (null without one). */
    private record AgentLaid(FileTree tree, BuildRecord.Agent record) {
    }

    private AgentLaid layAgent(FileTree composed, Profile profile, Timestamp buildTime, Path work)
            throws IOException, BuildException {
        AgentBundle.Staged staged = AgentBundle.stage(request.agentDistribution(), profile.agent().trust(), buildJdk(),
                work, listener);
        FileTree tree = ProfileTrees.layOver(composed, List.of(staged.root()), buildTime, work).tree();
        return new AgentLaid(tree, AgentBundle.withDigests(staged.record(), tree));
    }

    /** The JDK running the build: the agent's runtime is made from it. */
    private static Path buildJdk() {
        return Path.of(System.getProperty("java.home"));
    }

    /** The ESP for the disk and the boot files published beside it (none for an image without a kernel). */
    private record Boot(FileTree esp, List<ImageManifests.Extra> files) {
        static Boot none(Timestamp buildTime) {
            return new Boot(DiskOutputs.espSkeleton(buildTime), List.of());
        }
    }

    /** Slot A's kernel and initrd, its entry pinning usr.img's root hash, and the ESP holding them. */
    private static Boot boot(FileTree finished, Profile profile, BuildRecord.Usr usr, Timestamp buildTime, Path work)
            throws IOException, BuildException {
        BootFiles.Slot slot;
        FileTree esp;
        try {
            slot = BootFiles.slot(finished, buildTime);
            String entry = BootFiles.entry("a", profile.image().name(), profile.image().version(), usr.rootHash(),
                    usr.hashOffset());
            esp = BootFiles.esp(finished, slot, entry, buildTime);
        } catch (BootException e) {
            throw new BuildException(e.getMessage(), e);
        }
        Path kernel = work.resolve(KERNEL);
        try (FileChannel out = FileChannel.open(kernel, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            slot.kernel().content().copyTo(0, slot.kernel().size(), out, 0);
        }
        Path initrd = Files.write(work.resolve(INITRD), slot.initrd());
        return new Boot(esp, List.of(new ImageManifests.Extra(kernel, Artifact.KERNEL),
                new ImageManifests.Extra(initrd, Artifact.INITRD)));
    }

    /** The disk files written and what build.json says of them. */
    private record Disks(List<Path> files, BuildRecord.DiskRecord record) {
        static final Disks NONE = new Disks(List.of(), null);
    }

    /** The raw disk in the work directory, then the other formats from it, and their record. */
    private Disks writeDisks(Profile profile, UsrFilesystem.Filesystem filesystem, BuildRecord.Usr usrRecord,
                             Path image, FileTree esp, Timestamp buildTime, Path work, Path out)
            throws IOException, ProfileException, BuildException {
        List<String> formats = profile.disk().formats();
        PartitionTable table = DiskAssembly.plan(profile.disk(), filesystem.seed());
        DiskAssembly.checkUsrFits(table, usrRecord.size());
        SlotTrailer trailer = DiskAssembly.trailer(usrRecord, profile.image().name(), profile.image().version(),
                ImageManifests.compatibility(profile), profile.image().securityVersion());
        Path raw = work.resolve(DiskOutputs.FILE_NAMES.get("raw"));
        step(BuildStep.DISK, raw.getFileName().toString(), () -> {
            DiskAssembly.writeRaw(table, raw, image, trailer, esp, filesystem.seed(), buildTime, work,
                    out.resolve("disk.log"), listener);
            return raw;
        });
        List<Path> files = step(BuildStep.CONVERT, String.join(", ", formats),
                () -> DiskOutputs.convert(raw, formats, filesystem.seed(), buildTime, listener.progress()));
        return new Disks(files, DiskOutputs.record(table, formats, files, raw));
    }

    /**
     * A locked build must have composed exactly the lock's inputs; an unlocked one compares with the
     * lock checked in beside the profile ({@code NAME.lock}) and warns of drift, which is expected:
     * the archive moves on with every security update.
     */
    private void checkLock(PackageLock lock, PackageLock composed, ResolvedProfile resolved) throws BuildException,
            IOException {
        if (lock != null) {
            List<String> differences = lock.differences(composed);
            if (!differences.isEmpty()) {
                throw new BuildException("the composed inputs differ from the lock " + request.lockFile() + ":\n  "
                        + String.join("\n  ", differences));
            }
            return;
        }
        String leaf = resolved.file().getFileName().toString();
        Path checkedIn = resolved.file().resolveSibling(leaf.replaceFirst("\\.toml$", "") + ".lock");
        if (Files.isRegularFile(checkedIn)) {
            List<String> drift = BuildRecords.readLock(checkedIn).differences(composed);
            if (!drift.isEmpty()) {
                listener.warning("warning: " + drift.size() + " inputs differ from " + checkedIn.getFileName()
                        + " (the archive has moved on): " + String.join("; ", drift.subList(0, Math.min(5, drift.size())))
                        + (drift.size() > 5 ? "; ..." : "") + ". Build with --locked " + checkedIn
                        + " to refuse drift, or copy the new lock over it.");
            }
        }
    }

    /** The SBOM inside /usr too, so scanners on the node find it where the image keeps its data. */
    private static FileTree withSbom(FileTree root, byte[] sbom, Timestamp buildTime) {
        FileTree tree = TreeEdits.ensureDirectories(root, Sbom.IMAGE_PATH.substring(0,
                Sbom.IMAGE_PATH.lastIndexOf('/')), Metadata.of(0755, 0, 0, buildTime));
        return TreeEdits.put(tree, Sbom.IMAGE_PATH, new RegularFile(Metadata.of(0644, 0, 0, buildTime),
                Content.ofBytes(sbom)));
    }

    /**
     * build.json, the lock, the SBOM and the provenance statement, into the work directory; returns
     * them with their manifest roles, in the order they are published.
     */
    private static List<ImageManifests.Extra> writeRecords(Path work, BuildRecord record, PackageLock lock, byte[] sbom,
                                                          Composition composition, String versionOverride)
            throws IOException, BuildException {
        Path sbomFile = Files.write(work.resolve(Sbom.FILE_NAME), sbom);
        Path lockFile = Files.write(work.resolve(PackageLock.FILE_NAME), BuildRecords.toBytes(lock));
        Path recordFile = Files.write(work.resolve(BuildRecords.FILE_NAME), BuildRecords.toBytes(record));
        List<Provenance.Subject> subjects = new ArrayList<>();
        subjects.add(new Provenance.Subject(record.usr().file(), record.usr().sha256()));
        if (record.disk() != null) {
            record.disk().files().forEach(d -> subjects.add(new Provenance.Subject(d.file(), d.sha256())));
        }
        byte[] statement = Provenance.statement(subjects, record.profile(), versionOverride,
                Timestamp.ofSeconds(record.epoch()), composition.source(), composition.packages());
        Path provenanceFile = Files.write(work.resolve(Provenance.FILE_NAME), statement);
        return List.of(new ImageManifests.Extra(sbomFile, Artifact.SBOM),
                new ImageManifests.Extra(provenanceFile, Artifact.PROVENANCE),
                new ImageManifests.Extra(lockFile, Artifact.LOCK),
                new ImageManifests.Extra(recordFile, Artifact.BUILD_RECORD));
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

    private static BuildRecord.Usr usrRecord(Path image, UsrFilesystem.Filesystem filesystem, VerityResult verity)
            throws IOException {
        var parameters = verity.parameters();
        return new BuildRecord.Usr(USR_IMAGE, Files.size(image), FileDigests.sha256(image), "erofs",
                filesystem.uuid().toString(), parameters.dataSize(), parameters.dataBlocks(), verity.hashOffset(),
                parameters.algorithm(), parameters.dataBlockSize(), parameters.hashBlockSize(), parameters.saltHex(),
                parameters.uuid().toString(), verity.rootHashHex());
    }

    private BuildRecord record(ResolvedProfile resolved, Profile profile, Timestamp buildTime,
                                      Composition composition, BuildRecord.Agent agent, List<ProfileTrees.Layer> trees,
                                      List<String> normalized,
                                      List<String> removed,
                                      BuildRecord.Usr usr,
                                      BuildRecord.DiskRecord disk) {
        Path profileDir = resolved.file().getParent();
        String epochFrom = request.epochOverride() != null ? BuildRecord.EPOCH_FROM_CALLER
                : profile.image().epoch() != null ? BuildRecord.EPOCH_FROM_PROFILE : BuildRecord.EPOCH_FROM_TREE;
        var profileDigests = new BuildRecord.ProfileDigests(resolved.file().getFileName().toString(),
                resolved.chain().stream().map(p -> profileDir.relativize(p).toString()).toList(),
                resolved.profileDigest(), resolved.resolvedDigest());
        var imageInfo = new BuildRecord.Image(profile.image().name(), profile.image().version(),
                profile.image().description());
        return new BuildRecord(BuildRecord.FORMAT, SlipwayBuildVersion.get(), imageInfo, profileDigests,
                buildTime.seconds(), epochFrom, composition.source(), agent, trees.stream().map(layer -> new BuildRecord.FilesTree(
                        profileDir.relativize(layer.directory()).toString(), layer.digest())).toList(), normalized, removed, composition.packages(), usr,
                disk);
    }

    /**
     * Moves the outputs into place. The signed manifest goes first out and last in, so a manifest
     * always describes the files beside it; disk files of formats not built this time are removed.
     *
     * @param metadata the small files (SBOM, provenance, lock, build.json, manifest and signature),
     *                 in the order to publish them
     */
    private BuildResult publish(Path out, Path image, List<Path> diskFiles, List<Path> metadata, BuildRecord record)
            throws IOException {
        for (String name : List.of(Manifest.SIGNATURE_FILE_NAME, Manifest.FILE_NAME, BuildRecords.FILE_NAME, KERNEL,
                INITRD)) {
            Files.deleteIfExists(out.resolve(name));
        }
        for (String name : DiskOutputs.FILE_NAMES.values()) {
            Files.deleteIfExists(out.resolve(name));
        }
        Path usrImage = out.resolve(USR_IMAGE);
        Files.move(image, usrImage, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<Path> published = new ArrayList<>();
        for (Path file : diskFiles) {
            Path target = out.resolve(file.getFileName());
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            published.add(target);
        }
        for (Path file : metadata) {
            Files.move(file, out.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        return new BuildResult(usrImage, published, out.resolve(BuildRecords.FILE_NAME), record, durations);
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
}
