package dev.slipway.repository;

import dev.slipway.io.Progress;
import dev.slipway.repository.PublishException.Reason;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.VerityInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a release's version directory, {@code images/IMAGE/VERSION}, all at once or not at all:
 * every file is written into a hidden staging directory beside it, checked the way an agent will
 * check it, and the directory is then renamed into place. A published version never changes: if
 * the directory exists, the staged one must equal it byte for byte (then nothing is rewritten),
 * else publishing is refused.
 */
final class VersionDirectory {

    /** What happened to the version directory. */
    enum Outcome { CREATED, UNCHANGED }

    /** @param index the frame index of the published payload */
    record Written(Outcome outcome, FrameIndex index) {
    }

    private VersionDirectory() {
    }

    static Written publish(Path repository, VerifiedBuild build, Progress progress)
            throws IOException, PublishException {
        Path target = repository.resolve(build.versionDirectory());
        if (Files.exists(target)) {
            refuseOtherManifest(target, build);
        }
        Path imageDirectory = target.getParent();
        RepositoryFiles.createDirectories(imageDirectory);
        Path staging = Files.createTempDirectory(imageDirectory, "." + build.version() + ".staging-");
        try {
            FrameIndex index = stage(build, staging, progress);
            selfCheck(build, staging, index, progress);
            if (Files.exists(target)) {
                String difference = RepositoryFiles.difference(staging, target);
                if (difference != null) {
                    throw new PublishException(Reason.VERSION_EXISTS, build.versionDirectory() + " is already"
                            + " published for this manifest, but " + difference + ": a published version never"
                            + " changes; find out who altered it, or remove it if no node has fetched it");
                }
                return new Written(Outcome.UNCHANGED, index);
            }
            RepositoryFiles.readable(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            RepositoryFiles.syncDirectory(imageDirectory);
            return new Written(Outcome.CREATED, index);
        } finally {
            RepositoryFiles.deleteTree(staging);
        }
    }

    /** Refuses early, before any framing, a version directory that holds another build's manifest. */
    private static void refuseOtherManifest(Path target, VerifiedBuild build) throws IOException, PublishException {
        Path manifest = target.resolve(RepositoryLayout.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new PublishException(Reason.VERSION_EXISTS, build.versionDirectory() + " exists but holds no "
                    + RepositoryLayout.MANIFEST + ": a published version never changes; remove the damaged directory"
                    + " by hand if no node uses it");
        }
        if (!java.util.Arrays.equals(Files.readAllBytes(manifest), build.manifestBytes())) {
            throw new PublishException(Reason.VERSION_EXISTS, build.image() + " " + build.version() + " is already"
                    + " published (" + build.versionDirectory() + ") from another build: a published version never"
                    + " changes; give this build a new version (slipway build --image-version)");
        }
    }

    private static FrameIndex stage(VerifiedBuild build, Path staging, Progress progress) throws IOException {
        RepositoryFiles.write(staging.resolve(RepositoryLayout.MANIFEST), build.manifestBytes());
        RepositoryFiles.write(staging.resolve(RepositoryLayout.MANIFEST_SIGNATURE), build.signature());
        Artifact usr = build.usr();
        VerityInfo verity = usr.verity();
        Path usrImage = build.directory().resolve(usr.name());
        RepositoryFiles.write(staging.resolve(RepositoryLayout.USR_VERITY),
                RepositoryFiles.read(usrImage, verity.hashOffset(), (int) (usr.size() - verity.hashOffset())));
        Path frames = staging.resolve(RepositoryLayout.USR_FRAMES);
        FrameIndex index = FramedPayload.write(usrImage, verity.dataSize(), FrameIndex.DEFAULT_FRAME_SIZE, frames,
                progress);
        RepositoryFiles.seal(frames);
        RepositoryFiles.write(staging.resolve(RepositoryLayout.USR_FRAME_INDEX), index.toJson());
        for (Artifact artifact : build.bootFiles()) {
            Path copy = staging.resolve(artifact.name());
            RepositoryFiles.createDirectories(copy.getParent());
            Files.copy(build.directory().resolve(artifact.name()), copy);
            RepositoryFiles.seal(copy);
        }
        return index;
    }

    /**
     * Checks the staged files as an agent will: the verity area against the signed root hash, every
     * frame decoded and each of its blocks against the verified tree, the boot files' digests. So
     * what goes out is exactly what the build signed, even if usr.img changed after it was checked.
     */
    private static void selfCheck(VerifiedBuild build, Path staging, FrameIndex written, Progress progress)
            throws IOException, PublishException {
        VerityInfo verity = build.usr().verity();
        long dataBlocks = verity.dataSize() / FrameIndex.BLOCK_SIZE;
        try {
            VerifiedHashTree tree = VerifiedHashTree.load(Files.readAllBytes(staging.resolve(RepositoryLayout.USR_VERITY)),
                    verity.rootHash(), dataBlocks);
            FrameIndex index = FrameIndex.parse(Files.readAllBytes(staging.resolve(RepositoryLayout.USR_FRAME_INDEX)),
                    verity.dataSize(), written.frames().size());
            progress.start("checking the published frames", verity.dataSize());
            try (FileChannel frames = FileChannel.open(staging.resolve(RepositoryLayout.USR_FRAMES),
                    StandardOpenOption.READ)) {
                for (FrameIndex.Frame frame : index.frames()) {
                    ByteBuffer compressed = ByteBuffer.allocate(frame.payloadLength());
                    while (compressed.hasRemaining()) {
                        if (frames.read(compressed, frame.payloadOffset() + compressed.position()) < 0) {
                            throw new PayloadException("the staged frames file ends inside frame " + frame.number());
                        }
                    }
                    tree.verifyFrame(frame, FrameDecoder.decode(compressed.array(), frame));
                    progress.advance(frame.dataLength());
                }
            }
            progress.finish();
        } catch (PayloadException e) {
            throw new PublishException(Reason.BUILD_DAMAGED, "the staged payload does not verify against the signed"
                    + " root hash (" + e.getMessage() + "): did " + build.usr().name() + " change while it was being"
                    + " published? Nothing was published", e);
        }
        for (Artifact artifact : build.bootFiles()) {
            Path copy = staging.resolve(artifact.name());
            String digest = RepositoryFiles.sha256(copy, 0, Files.size(copy), Progress.NONE);
            if (!digest.equals(artifact.sha256())) {
                throw new PublishException(Reason.BUILD_DAMAGED, artifact.name() + " changed while it was being"
                        + " published (SHA-256 " + digest + ", signed " + artifact.sha256() + "); nothing was published");
            }
        }
    }
}
