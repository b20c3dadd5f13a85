package dev.slipway.build;

import java.io.IOException;
import java.nio.file.Path;

/** The shared default image for tests in other packages of this module (the boot tests). */
public final class DefaultImageAccess {

    private DefaultImageAccess() {
    }

    public static Path directory() {
        return DefaultImage.get().firstDirectory();
    }

    public static BuildRecord record() throws IOException {
        return BuildRecords.read(DefaultImage.get().first().buildRecordFile());
    }

    /**
     * Builds a test profile that takes its tree from the default image's composition (the first
     * build's rootfs.tar), into {@code out}: an image like the default plus what the test adds,
     * without composing again.
     */
    public static BuildResult buildOnDefault(Path profile, Path out) throws Exception {
        return buildOnDefault(profile, out, null);
    }

    /** As above, with the image version set to {@code version} (null: the profile's). */
    public static BuildResult buildOnDefault(Path profile, Path out, String version) throws Exception {
        DefaultImage.get();
        return ImageBuild.run(new BuildRequest(profile, out, version, null, false, null, DefaultImage.CACHE,
                DefaultImage.AGENT),
                new BuildListener() {
                    @Override
                    public void stepStarted(BuildStep step, String detail) {
                        System.err.println(profile.getFileName() + (version == null ? "" : " " + version) + ": "
                                + step.label());
                    }
                });
    }
}
