package dev.slipway.build;

import java.nio.file.Path;
import java.util.List;

/** An external program the build ran (mmdebstrap, a hook) failed; carries the end of its output. */
public final class ToolFailedException extends BuildException {

    private final String program;
    private final int exitStatus;
    private final List<String> lastLines;
    private final Path log;

    public ToolFailedException(String program, int exitStatus, List<String> lastLines, Path log, String hint) {
        super(program + " failed with exit status " + exitStatus
                + (lastLines.isEmpty() ? "" : "; it ended with:\n  " + String.join("\n  ", lastLines))
                + (log == null ? "" : "\nIts whole output is in " + log + ".")
                + (hint == null ? "" : "\n" + hint));
        this.program = program;
        this.exitStatus = exitStatus;
        this.lastLines = List.copyOf(lastLines);
        this.log = log;
    }

    public int exitStatus() {
        return exitStatus;
    }

    public List<String> lastLines() {
        return lastLines;
    }

    /** The same failure with a line of advice added. */
    public ToolFailedException withHint(String hint) {
        return new ToolFailedException(program, exitStatus, lastLines, log, hint);
    }
}
