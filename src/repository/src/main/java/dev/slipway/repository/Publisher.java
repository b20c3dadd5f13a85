package dev.slipway.repository;

import dev.slipway.io.Progress;
import dev.slipway.repository.PublishException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes builds into an update repository on disk (static files any web server can serve) and
 * re-signs its channels. See docs/updates.md for the layout and the order of writes.
 *
 * <p>{@link #publish}: the build is verified first (manifest signature, then usr.img, kernel and
 * initrd against the manifest) and nothing is written unless it verifies; the version directory
 * is staged, checked as an agent would check it, and renamed into place (or found identical, or
 * refused if it differs); then the channel gets new metadata, version + 1, signed and checked
 * before it is written. One publish or refresh runs at a time per repository.
 */
public final class Publisher {

    private final Path repository;
    private final Clock clock;
    private final Progress progress;

    /**
     * @param repository the repository's root directory (created by the first publish)
     * @param clock      gives issued, expires and the signing time
     * @param progress   told about the long steps: checking the build, framing, checking the frames
     */
    public Publisher(Path repository, Clock clock, Progress progress) {
        this.repository = repository;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * Publishes the build in {@code buildDirectory} to {@code request.channel()}.
     *
     * @throws PublishException when anything is refused; the repository is then as it was
     */
    public PublishResult publish(Path buildDirectory, PublishRequest request) throws IOException, PublishException {
        VerifiedBuild build = BuildCheck.verify(buildDirectory, request.trust(), request.verifyOptions(), progress);
        RepositoryFiles.createDirectories(repository);
        try (RepositoryLock lock = RepositoryLock.acquire(repository)) {
            Optional<ChannelMetadata> current = ChannelFiles.read(repository, request.channel());
            ChannelMetadata.Release release = build.release();
            if (current.isPresent()) {
                checkMove(current.get(), release);
            }
            boolean same = current.isPresent() && current.get().release().equals(release) && request.waves() == null;
            Instant now = now();
            ChannelFiles.Signed signed = same ? null : ChannelFiles.sign(next(current, release,
                    request.waves() == null ? List.of() : request.waves(), request, now), request, now);
            VersionDirectory.Written directory = VersionDirectory.publish(repository, build, progress);
            List<String> trustFiles = copyTrustFiles(request);
            if (signed != null) {
                ChannelFiles.write(repository, signed);
            }
            return new PublishResult(same ? current.get() : signed.metadata(), signed != null,
                    signed == null ? null : signed.signature(), build.versionDirectory(),
                    directory.outcome() == VersionDirectory.Outcome.CREATED, directory.index().frames().size(),
                    directory.index().payloadSize(), build.verifiedSignature(), trustFiles);
        }
    }

    /**
     * Re-signs the channel's current metadata as version + 1 with a new issued and expiry time: the
     * same release, and the same waves unless the request gives new ones.
     *
     * @throws PublishException when the channel does not exist, its release's manifest is missing or
     *                          changed, or the new signature would not verify
     */
    public PublishResult refresh(PublishRequest request) throws IOException, PublishException {
        if (!Files.isDirectory(repository)) {
            throw new PublishException(Reason.NO_SUCH_CHANNEL, repository + " is not a directory: no repository to"
                    + " refresh; publish a build into it first");
        }
        try (RepositoryLock lock = RepositoryLock.acquire(repository)) {
            ChannelMetadata current = ChannelFiles.read(repository, request.channel()).orElseThrow(() ->
                    new PublishException(Reason.NO_SUCH_CHANNEL, "the repository " + repository + " has no channel "
                            + request.channel() + " (" + RepositoryLayout.channel(request.channel()) + "); publish a"
                            + " build to it first (slipway publish)"));
            ChannelFiles.checkRelease(repository, current.release());
            List<ChannelMetadata.Wave> waves = request.waves() == null ? current.waves() : request.waves();
            Instant now = now();
            ChannelFiles.Signed signed = ChannelFiles.sign(next(Optional.of(current), current.release(), waves,
                    request, now), request, now);
            List<String> trustFiles = copyTrustFiles(request);
            ChannelFiles.write(repository, signed);
            return new PublishResult(signed.metadata(), true, signed.signature(), current.release().path(), false, 0, 0,
                    null, trustFiles);
        }
    }

    /** Refuses to move a channel backwards or sideways: nodes would refuse the move, or be tricked by it. */
    private static void checkMove(ChannelMetadata current, ChannelMetadata.Release release) throws PublishException {
        ChannelMetadata.Release old = current.release();
        String channel = "channel " + current.channel();
        if (!old.image().equals(release.image())) {
            throw new PublishException(Reason.CHANNEL_CONFLICT, channel + " carries image " + old.image()
                    + ", not " + release.image() + "; publish " + release.image() + " to a channel of its own");
        }
        if (release.securityVersion() < old.securityVersion()) {
            throw new PublishException(Reason.CHANNEL_CONFLICT, channel + " offers " + old.image() + " " + old.version()
                    + " with security version " + old.securityVersion() + "; " + release.version() + " has security"
                    + " version " + release.securityVersion() + ", and nodes never go back to a lower one. Rebuild"
                    + " the release with security-version " + old.securityVersion() + " or more");
        }
        if (old.version().equals(release.version()) && !old.equals(release)) {
            throw new PublishException(Reason.CHANNEL_CONFLICT, channel + " offers " + old.image() + " "
                    + old.version() + " with manifest SHA-256 " + old.manifestSha256() + ", and this build's "
                    + old.version() + " has another manifest (" + release.manifestSha256() + "): one version, one"
                    + " build; give this build a new version");
        }
    }

    private static ChannelMetadata next(Optional<ChannelMetadata> current, ChannelMetadata.Release release,
                                        List<ChannelMetadata.Wave> waves, PublishRequest request, Instant now) {
        long version = current.map(c -> c.version() + 1).orElse(1L);
        return new ChannelMetadata(ChannelMetadata.FORMAT, request.channel(), version, now.getEpochSecond(),
                now.plus(request.expiresIn()).getEpochSecond(), release, waves);
    }

    /** Copies the rotation certificates and CRLs nodes fetch, before the channel that may need them. */
    private List<String> copyTrustFiles(PublishRequest request) throws IOException {
        List<String> written = new ArrayList<>();
        if (!request.rotationFiles().isEmpty()) {
            RepositoryFiles.replace(repository.resolve(RepositoryLayout.ROTATION), concatenate(request.rotationFiles()));
            written.add(RepositoryLayout.ROTATION);
        }
        if (!request.crlFiles().isEmpty()) {
            RepositoryFiles.replace(repository.resolve(RepositoryLayout.CRL), concatenate(request.crlFiles()));
            written.add(RepositoryLayout.CRL);
        }
        return written;
    }

    /** PEM files joined into one bundle, each ending in a newline so no two blocks share a line. */
    private static byte[] concatenate(List<Path> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            out.writeBytes(bytes);
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
