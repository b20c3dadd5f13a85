package dev.slipway.agent.cli;

/** What slipway-agent's exit status means; scripts and systemd read these. */
public final class ExitCodes {

    /** Done: nothing to do, staged, confirmed, or the operator's change was recorded. */
    public static final int OK = 0;
    /** An update was refused or failed; the node runs what it ran (status says why). */
    public static final int UPDATE_FAILED = 1;
    /** The command line was wrong (picocli's usage error). */
    public static final int USAGE = 2;
    /** The agent cannot work here: configuration, trust material, disk, or another instance holds the lock. */
    public static final int CANNOT_RUN = 3;
    /** The repository could not be read now; the next check tries again (an interrupted download resumes). */
    public static final int TRY_AGAIN = 4;
    /** A health check failed (check-health); the boot is not blessed. */
    public static final int UNHEALTHY = 5;

    private ExitCodes() {
    }
}
