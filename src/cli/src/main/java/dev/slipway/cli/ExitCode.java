package dev.slipway.cli;

/**
 * What slipway's exit status means, for every command. Scripts can rely on these; the README lists
 * them.
 */
public final class ExitCode {

    /** The command did what was asked (for a check: everything verified). */
    public static final int OK = 0;
    /** A check ran and found a mismatch: the data, tree or signature is not what it should be. */
    public static final int CHECK_FAILED = 1;
    /** The command line was wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** The input was refused: a hostile or malformed archive, an invalid tree, bad parameters. */
    public static final int INVALID_INPUT = 3;
    /** Reading or writing failed: a missing file, no permission, a full disk. */
    public static final int IO_ERROR = 4;
    /** A host program the command needs is not installed; the message names its Debian package. */
    public static final int MISSING_TOOL = 5;
    /** An external program the command ran (mmdebstrap, a profile's hook) failed; its output is kept. */
    public static final int TOOL_FAILED = 6;
    /** A bug in slipway; the message and stack trace belong in an issue. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCode() {
    }
}
