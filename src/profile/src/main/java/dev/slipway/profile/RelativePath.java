package dev.slipway.profile;

import java.io.File;
import java.nio.file.Path;

/**
 * How the resolved form, the digest and messages name a file: relative to the leaf profile's
 * directory, with '/' separators, so they do not depend on where the checkout is.
 */
final class RelativePath {

    private RelativePath() {
    }

    static String of(Path directory, Path file) {
        String relative = directory.relativize(file).toString().replace(File.separatorChar, '/');
        return relative.isEmpty() ? "." : relative;
    }
}
