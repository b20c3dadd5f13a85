package dev.slipway.profile;

import java.nio.file.Path;

/**
 * Where a setting came from: a profile file (as reached from the path given to
 * {@link Profiles#resolve}) and a 1-based line, 0 when unknown. Defaults have {@link #DEFAULT}.
 */
record Origin(Path file, int line) {

    static final Origin DEFAULT = new Origin(null, 0);
}
