package dev.slipway.profile;

/**
 * The {@code [source]} table: where the image's root filesystem comes from. Which record it is
 * follows {@code source.kind}; paths are absolute and normalized, resolved against the directory
 * of the profile file that set them.
 */
public sealed interface Source permits DebianSource, OciSource, TarSource, DirSource {

    /** The {@code source.kind} value: debian, oci, tar or dir. */
    String kind();
}
