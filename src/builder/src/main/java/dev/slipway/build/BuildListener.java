package dev.slipway.build;

import dev.slipway.io.Progress;
import java.time.Duration;

/** What a build tells its caller while it runs: steps, lines from the tools it runs, progress. */
public interface BuildListener {

    /** Says nothing. */
    BuildListener SILENT = new BuildListener() {
    };

    default void stepStarted(BuildStep step, String detail) {
    }

    default void stepFinished(BuildStep step, Duration took) {
    }

    /** A line worth showing: what an external tool is doing. */
    default void message(String line) {
    }

    /** Something the user must see even when they asked for quiet: development keys, drift from a lock. */
    default void warning(String line) {
        message(line);
    }

    /** Progress of the long steps (writing the filesystem, hashing). */
    default Progress progress() {
        return Progress.NONE;
    }
}
