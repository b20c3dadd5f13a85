package dev.slipway.cli;

import dev.slipway.build.BuildListener;
import dev.slipway.build.BuildStep;
import dev.slipway.io.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** How commands that run a build (build, rebuild-check) show its steps and messages on stderr. */
final class BuildProgress {

    private BuildProgress() {
    }

    static BuildListener listener(PrintWriter err, OutputOptions output) {
        boolean quiet = output.quiet;
        Progress progress = output.progress(err);
        int steps = BuildStep.values().length;
        return new BuildListener() {
            @Override
            public void stepStarted(BuildStep step, String detail) {
                if (!quiet) {
                    err.printf("slipway build: [%d/%d] %s%s%n", step.ordinal() + 1, steps, step.label(),
                            detail.isEmpty() ? "" : ": " + detail);
                    err.flush();
                }
            }

            @Override
            public void stepFinished(BuildStep step, Duration took) {
                if (!quiet && took.toMillis() >= 1000) {
                    err.printf(Locale.ROOT, "slipway build: %s took %.1f s%n", step.label(), took.toMillis() / 1000.0);
                    err.flush();
                }
            }

            @Override
            public void message(String line) {
                if (!quiet) {
                    err.println("  " + line);
                    err.flush();
                }
            }

            @Override
            public void warning(String line) {
                err.println("slipway build: " + line);
                err.flush();
            }

            @Override
            public Progress progress() {
                return progress;
            }
        };
    }
}
