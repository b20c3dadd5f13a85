package dev.slipway.agent.state;

import java.util.Objects;

/**
 * The release being installed, as the signed channel and manifest named it, and how far its download got.
 *
 * @param version         the image version
 * @param securityVersion the manifest's security version
 * @param slot            the slot it goes into: never the booted one
 * @param path            its directory in the repository, e.g. {@code images/aks-node/0.2.0}
 * @param manifestSha256  the SHA-256 of its manifest, from the channel
 * @param rootHash        the verity root hash, from the manifest
 * @param framesDone      frames written and synced to the slot, so a restart resumes after them
 */
public record Target(String version, long securityVersion, Slot slot, String path, String manifestSha256,
                     String rootHash, int framesDone) {

    public Target {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(manifestSha256, "manifestSha256");
        Objects.requireNonNull(rootHash, "rootHash");
        if (framesDone < 0 || securityVersion < 0) {
            throw new IllegalArgumentException("frames done and security version must not be negative");
        }
    }

    public Target withFramesDone(int frames) {
        return new Target(version, securityVersion, slot, path, manifestSha256, rootHash, frames);
    }
}
