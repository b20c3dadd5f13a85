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
}
