package dev.slipway.profile;

import java.nio.file.Path;

/** Turns merged, checked values into the public records; the schema guarantees every key read here. */
final class ProfileBinder {

    private ProfileBinder() {
    }

    static Profile bind(Merged merged) {
        Image image = new Image(merged.string("image.name"), merged.string("image.version"),
                merged.string("image.description"), merged.nullableLong("image.epoch"));
        return new Profile(image, source(merged));
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
