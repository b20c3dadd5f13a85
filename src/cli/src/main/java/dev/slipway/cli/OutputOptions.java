package dev.slipway.cli;

import dev.slipway.io.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The options every command shares: machine-readable output and quiet progress. */
final class OutputOptions {

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    Progress progress(PrintWriter err) {
        return StderrProgress.forCommand(err, quiet);
    }
}
