package dev.slipway.build;

/** The named steps of a build, in the order the data flows through them. */
public enum BuildStep {
    RESOLVE("resolve", "read the profile and the profiles it extends"),
    COMPOSE("compose", "compose the root tree from the profile's source"),
    AGENT("agent", "lay slipway-agent over the tree: a Java runtime made by jlink, the application, its units and configuration"),
    FILES("files", "lay the profile's file trees over the composed tree"),
    NORMALIZE("normalize", "remove what varies from build to build"),
    SBOM("sbom", "list the installed packages and their files (CycloneDX), before anything is stripped"),
    POLICY("policy", "remove package managers, their databases and what the profile does not keep; refuse what is forbidden"),
    USR_EROFS("usr-erofs", "write /usr as an EROFS filesystem"),
    VERITY("verity", "append the dm-verity hash tree"),
    BOOT("boot", "make the initrd, and the ESP with systemd-boot and slot A's boot entry (bootable images)"),
    DISK("disk", "write the raw disk: partition table, ESP, USR-A"),
    CONVERT("convert", "write the fixed VHD and the VHDX"),
    RECORD("record", "write build.json, the lock, the SBOM and the provenance statement"),
    SIGN("sign", "write manifest.json, naming every output's digest, and its CMS signature");

    private final String label;
    private final String purpose;

    BuildStep(String label, String purpose) {
        this.label = label;
        this.purpose = purpose;
    }

    /** Short name used in progress lines and build.json. */
    public String label() {
        return label;
    }

    public String purpose() {
        return purpose;
    }
}
