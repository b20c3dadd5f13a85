package dev.slipway.profile;

import java.nio.file.Path;

/** Turns merged, checked values into the public records; the schema guarantees every key read here. */
final class ProfileBinder {

    private ProfileBinder() {
    }

    static Profile bind(Merged merged) {
        Image image = new Image(merged.string("image.name"), merged.string("image.version"),
                merged.string("image.description"), merged.nullableLong("image.epoch"),
                merged.nullableString("image.compatibility"), merged.nullableLong("image.security-version"));
        Disk disk = new Disk(merged.list("disk.formats", String.class), merged.nullableLong("disk.esp-mib"),
                merged.nullableLong("disk.bios-boot-mib"), merged.nullableLong("disk.usr-mib"),
                merged.nullableLong("disk.oem-mib"), merged.nullableLong("disk.oem-config-mib"),
                merged.nullableLong("disk.root-mib"), merged.nullableLong("disk.size-mib"));
        Policy policy = new Policy(merged.string("policy.docs"), merged.string("policy.man-pages"),
                merged.list("policy.locales", String.class), merged.list("policy.remove", String.class),
                merged.list("policy.forbid", String.class));
        ImageFiles files = new ImageFiles(merged.list("files.trees", Path.class));
        Agent agent = merged.string("agent.kind").equals(Schema.AGENT_SLIPWAY)
                ? new Agent(Schema.AGENT_SLIPWAY, merged.path("agent.trust")) : Agent.NONE;
        return new Profile(image, source(merged), files, disk, policy, signing(merged), agent);
    }

    private static Signing signing(Merged merged) {
        String kind = merged.string("signing.kind");
        if (kind.equals(Schema.SIGNING_DEVELOPMENT)) {
            return Signing.DEVELOPMENT;
        }
        return new Signing(kind, kind.equals(Schema.SIGNING_FILE) ? merged.path("signing.key").toString()
                : merged.string("signing.uri"), merged.path("signing.certificate"),
                merged.list("signing.chain", Path.class));
    }

    private static Source source(Merged merged) {
        String kind = merged.string("source.kind");
        return switch (kind) {
            case Schema.DEBIAN -> new DebianSource(merged.string("source.suite"), merged.string("source.variant"),
                    merged.string("source.architecture"), merged.list("source.components", String.class),
                    merged.list("source.packages", String.class), merged.list("source.customize-hooks", Path.class));
            case Schema.OCI -> new OciSource(merged.path("source.path"), merged.nullableString("source.reference"));
            case Schema.TAR -> new TarSource(merged.path("source.path"));
            case Schema.DIR -> new DirSource(merged.path("source.path"));
            default -> throw new IllegalStateException("source.kind " + kind + " passed the schema but has no record");
        };
    }
}
