package dev.slipway.trust.manifest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file the manifest covers, by its path relative to the manifest's directory.
 *
 * @param name   a relative path with no "." or ".." segment ("usr.img", "boot/a/vmlinuz")
 * @param role   what the file is for: {@link #USR}, {@link #DISK}, {@link #SBOM}, ...
 * @param format for a disk, "raw", "vhd" or "vhdx"; otherwise {@code null}
 * @param size   its length in bytes
 * @param sha256 the SHA-256 of all its bytes, lowercase hex
 * @param verity for the /usr image, its dm-verity parameters; otherwise {@code null}
 */
public record Artifact(String name, String role, String format, long size, String sha256, VerityInfo verity) {

    public static final String USR = "usr";
    public static final String DISK = "disk";
    public static final String SBOM = "sbom";
    public static final String PROVENANCE = "provenance";
    public static final String BUILD_RECORD = "build-record";
    public static final String LOCK = "lock";
    public static final String KERNEL = "kernel";
    public static final String INITRD = "initrd";

    private static final Pattern SEGMENT = Pattern.compile("^[A-Za-z0-9._+-]+$");
    static final Pattern ROLE = Pattern.compile("^[a-z][a-z0-9-]*$");

    public Artifact {
        checkName(name);
        Objects.requireNonNull(role, "role");
        if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("artifact role \"" + role + "\" is not lowercase letters, digits and -");
        }
        if (size < 0) {
            throw new IllegalArgumentException("artifact " + name + " has a negative size");
        }
        Fields.checkSha256(sha256, "artifact " + name + " sha256");
    }

    public static Artifact of(String name, String role, long size, String sha256) {
        return new Artifact(name, role, null, size, sha256, null);
    }

    /** Refuses a name that could leave the manifest's directory or mean something else on another host. */
    static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        for (String segment : name.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("artifact name \"" + name + "\" is not a plain relative path"
                        + " (segments of letters, digits and . _ + -, no \".\" or \"..\")");
            }
        }
    }
}
