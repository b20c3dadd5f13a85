package dev.slipway.agent.health;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A unit check's try: {@code systemctl is-active --quiet UNIT} exits with 0 when the unit is active. */
final class UnitProbe implements Probe {

    private final Path systemctl;
    private final String unit;
    private final Duration tryTimeout;

    UnitProbe(Path systemctl, String unit, Duration tryTimeout) {
        this.systemctl = systemctl;
        this.unit = unit;
        this.tryTimeout = tryTimeout;
    }

    @Override
    public Attempt attempt(Duration remaining) throws InterruptedException {
        boolean deadlineBinds = remaining.compareTo(tryTimeout) <= 0;
        BoundedProcess.Outcome outcome;
        try {
            // "--" so that no unit name is ever read as an option (agent.toml's rules refuse a leading '-' too).
            outcome = BoundedProcess.run(List.of(systemctl.toString(), "is-active", "--quiet", "--", unit),
                    deadlineBinds ? remaining : tryTimeout);
        } catch (IOException e) {
            return Attempt.fail("cannot run " + systemctl + ": " + e.getMessage());
        }
        if (!outcome.finished()) {
            String reason = "systemctl is-active " + unit + " did not answer within "
                    + (deadlineBinds ? "the deadline" : tryTimeout.toSeconds() + " s");
            return deadlineBinds ? Attempt.stopped(reason) : Attempt.fail(reason);
        }
        if (outcome.exitCode() == 0) {
            return Attempt.pass();
        }
        String said = outcome.lastLine();
        return Attempt.fail(unit + " is not active (systemctl is-active exit " + outcome.exitCode() + ")"
                + (said.isEmpty() ? "" : ": " + said));
    }
}
