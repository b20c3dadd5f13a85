package dev.slipway.agent.health;

import java.time.Duration;
import java.util.Locale;

/**
 * How one health check ended.
 *
 * @param name     the check's name from agent.toml
 * @param outcome  passed, failed (every attempt finished and said no) or timed out (an attempt was still running
 *                 at the deadline and was stopped)
 * @param reason   why it did not pass: the last attempt's answer; empty when it passed
 * @param attempts how many times it was tried
 * @param elapsed  from its start to its end
 */
public record HealthResult(String name, Outcome outcome, String reason, int attempts, Duration elapsed) {

    /** The three ways a check ends. */
    public enum Outcome {
        PASSED, FAILED, TIMED_OUT
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** One line for the journal and the console: {@code health check kubelet: timed out after 2.0 s (...)}. */
    public String summary() {
        String seconds = String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
        String tries = attempts == 1 ? "1 attempt" : attempts + " attempts";
        return switch (outcome) {
            case PASSED -> "health check " + name + ": passed after " + seconds + " (" + tries + ")";
            case FAILED -> "health check " + name + ": failed at its deadline after " + seconds + " (" + tries
                    + "); last: " + reason;
            case TIMED_OUT -> "health check " + name + ": timed out after " + seconds + " (" + tries + "): " + reason;
        };
    }
}
