package dev.slipway.build;

import dev.slipway.tree.Timestamp;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to build.
 *
 * @param profile         the profile file (it may extend others)
 * @param outputDirectory where usr.img, the disks and build.json go; created if missing. Null for
 *                        {@code out/IMAGE-NAME} in the working directory, the name the profile gives
 * @param versionOverride replaces the profile's image version (how CI stamps builds), or null
 * @param epochOverride   the build epoch from the caller (--epoch, SOURCE_DATE_EPOCH), or null to
 *                        take the profile's
 * @param keepRootfs      keep a Debian composition's tarball as {@code rootfs.tar} in the output
 *                        directory, to inspect or check the image against (it is not normalised)
 * @param lockFile        a lock ({@code OUT/lock} of an earlier build) whose inputs this build must
 *                        use exactly, or null to take the archive's current packages
 * @param cacheDirectory  where .deb files are kept by digest, or null for {@link #defaultCache()}
 * @param agentDistribution slipway-agent's distribution ({@code update-agent/target/slipway-agent}) for a
 *                        profile that includes the agent, or null
 */
public record BuildRequest(Path profile, Path outputDirectory, String versionOverride, Timestamp epochOverride,
                           boolean keepRootfs, Path lockFile, Path cacheDirectory, Path agentDistribution) {

    public BuildRequest {
        Objects.requireNonNull(profile, "profile");
    }

    /** Builds {@code profile} into {@code outputDirectory} as the profile says. */
    public static BuildRequest of(Path profile, Path outputDirectory) {
        return new BuildRequest(profile, outputDirectory, null, null, false, null, null, null);
    }

    /** $SLIPWAY_CACHE, else $XDG_CACHE_HOME/slipway, else ~/.cache/slipway. */
    public static Path defaultCache() {
        return PackageCache.defaultRoot();
    }

    public BuildRequest locked(Path lock) {
        return new BuildRequest(profile, outputDirectory, versionOverride, epochOverride, keepRootfs, lock,
                cacheDirectory, agentDistribution);
    }

    public BuildRequest withCache(Path cache) {
        return new BuildRequest(profile, outputDirectory, versionOverride, epochOverride, keepRootfs, lockFile, cache,
                agentDistribution);
    }

    public BuildRequest withAgent(Path distribution) {
        return new BuildRequest(profile, outputDirectory, versionOverride, epochOverride, keepRootfs, lockFile,
                cacheDirectory, distribution);
    }
}
