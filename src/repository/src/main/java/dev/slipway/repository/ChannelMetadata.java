package dev.slipway.repository;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A channel's signed statement of which release its nodes should run, until when that statement
 * holds, and how fast nodes may move to it. The publisher writes it as canonical JSON
 * ({@link ChannelMetadataJson}) and signs it with a channel-signing key; the agent reads it only
 * through {@link ChannelVerifier}.
 *
 * <p>The constructor enforces every rule, so metadata that exists is consistent. Messages name the
 * JSON field ({@code release.security-version}, {@code waves[2].percent}).
 *
 * @param format  {@link #FORMAT}
 * @param channel the channel's name ({@link RepositoryLayout#CHANNEL_NAME})
 * @param version this metadata's own version, 1 or more, one higher at every publish and refresh;
 *                an agent refuses a version lower than one it has seen (a replay)
 * @param issued  when it was signed, epoch seconds
 * @param expires when it stops being valid, epoch seconds, after {@code issued}: a repository that
 *                stops being refreshed (or a mirror that replays old metadata) is noticed
 * @param release the one release the channel offers
 * @param waves   the rollout plan, in order; empty: every node at once
 */
public record ChannelMetadata(int format, String channel, long version, long issued, long expires, Release release,
                              List<Wave> waves) {

    public static final String TYPE = "slipway/channel";
    public static final int FORMAT = 1;

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern COMPATIBILITY = Pattern.compile("^[a-z0-9][a-z0-9._/-]{0,127}$");

    /**
     * The release a channel offers. Image, version, compatibility and security version repeat the
     * signed manifest's (the agent checks they agree); the manifest's size and SHA-256 bind exactly
     * one manifest, so metadata and an image cannot be mixed and matched.
     *
     * @param path the version directory, {@link RepositoryLayout#versionDirectory}: nothing else is accepted
     */
    public record Release(String image, String version, String compatibility, long securityVersion, String path,
                          long manifestSize, String manifestSha256) {

        public Release {
            try {
                RepositoryLayout.checkImage(image);
                RepositoryLayout.checkVersion(version);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("release: " + e.getMessage(), e);
            }
            if (compatibility == null || !COMPATIBILITY.matcher(compatibility).matches()) {
                throw new IllegalArgumentException("release.compatibility is \"" + compatibility
                        + "\", not a compatibility string such as slipway/NAME/ARCH");
            }
            if (securityVersion < 0) {
                throw new IllegalArgumentException("release.security-version is " + securityVersion + ", not 0 or more");
            }
            String expected = RepositoryLayout.versionDirectory(image, version);
            if (!expected.equals(path)) {
                throw new IllegalArgumentException("release.path is \"" + path + "\", but the release " + image + " "
                        + version + " lives in \"" + expected + "\"");
            }
            if (manifestSize <= 0) {
                throw new IllegalArgumentException("release.manifest-size is " + manifestSize + ", not 1 or more");
            }
            if (manifestSha256 == null || !SHA256.matcher(manifestSha256).matches()) {
                throw new IllegalArgumentException("release.manifest-sha256 is \"" + manifestSha256
                        + "\", not a SHA-256 digest in lowercase hex");
            }
        }

        /** {@code path/manifest.json}. */
        public String manifestPath() {
            return path + "/" + RepositoryLayout.MANIFEST;
        }
    }

    /**
     * From {@code start} on, {@code percent} of the channel's nodes may update (until the next wave).
     *
     * @param start   epoch seconds
     * @param percent 0 to 100
     */
    public record Wave(long start, int percent) {

        public Wave {
            if (start < 0) {
                throw new IllegalArgumentException("a wave's start is " + start + ", not 0 or more epoch seconds");
            }
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("a wave's percent is " + percent + ", not 0 to 100");
            }
        }
    }

    public ChannelMetadata {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format is " + format + ", not " + FORMAT);
        }
        RepositoryLayout.checkChannel(channel);
        if (version < 1) {
            throw new IllegalArgumentException("version is " + version + ", not 1 or more");
        }
        if (issued < 0) {
            throw new IllegalArgumentException("issued is " + issued + ", not 0 or more epoch seconds");
        }
        if (expires <= issued) {
            throw new IllegalArgumentException("expires (" + Instant.ofEpochSecond(expires) + ") is not after issued ("
                    + Instant.ofEpochSecond(issued) + ")");
        }
        Objects.requireNonNull(release, "release");
        waves = List.copyOf(waves);
        for (int i = 1; i < waves.size(); i++) {
            Wave previous = waves.get(i - 1);
            Wave wave = waves.get(i);
            if (wave.start() <= previous.start()) {
                throw new IllegalArgumentException("waves[" + i + "].start (" + Instant.ofEpochSecond(wave.start())
                        + ") is not after waves[" + (i - 1) + "].start (" + Instant.ofEpochSecond(previous.start())
                        + "): waves must be in order of start time");
            }
            if (wave.percent() < previous.percent()) {
                throw new IllegalArgumentException("waves[" + i + "].percent (" + wave.percent() + ") is below waves["
                        + (i - 1) + "].percent (" + previous.percent() + "): a rollout never shrinks");
            }
        }
    }

    /** The metadata as canonical JSON: the bytes that are signed. */
    public byte[] toJson() {
        return ChannelMetadataJson.toBytes(this);
    }

    /** Parses metadata strictly (see {@link ChannelMetadataJson#parse}); it says nothing about its signature. */
    public static ChannelMetadata parse(byte[] json) throws ChannelException {
        return ChannelMetadataJson.parse(json);
    }

    public Instant issuedAt() {
        return Instant.ofEpochSecond(issued);
    }

    public Instant expiresAt() {
        return Instant.ofEpochSecond(expires);
    }

    /**
     * The share of nodes, 0 to 100, that may run the release at {@code now}: 100 without waves, 0
     * before the first wave starts, else the percent of the last wave that has started.
     */
    public int allowedPercent(Instant now) {
        if (waves.isEmpty()) {
            return 100;
        }
        int allowed = 0;
        long second = now.getEpochSecond();
        for (Wave wave : waves) {
            if (wave.start() > second) {
                break;
            }
            allowed = wave.percent();
        }
        return allowed;
    }

    /**
     * Whether the node {@code machineId} may update at {@code now}: its place in this channel and
     * release ({@link Waves#place}), times 100, is below {@link #allowedPercent}. A node once allowed
     * stays allowed, because the percent never falls.
     */
    public boolean mayUpdate(String machineId, Instant now) {
        return Waves.place(machineId, channel, release.version()) * 100 < allowedPercent(now);
    }
}
