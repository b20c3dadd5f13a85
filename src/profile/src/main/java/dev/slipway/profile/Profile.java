package dev.slipway.profile;

import java.util.Objects;

/** An image profile after its chain is merged and checked: what to build, from what, onto which disk. */
public record Profile(Image image, Source source, ImageFiles files, Disk disk, Policy policy, Signing signing,
                      Agent agent) {

    public Profile {
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(agent, "agent");
    }

    /**
     * The same profile with another image version (a command-line override).
     *
     * @throws IllegalArgumentException if the version does not match the schema's pattern; the
     *                                  message says what is allowed
     */
    public Profile withVersion(String version) {
        return new Profile(image.withVersion(version), source, files, disk, policy, signing, agent);
    }
}
