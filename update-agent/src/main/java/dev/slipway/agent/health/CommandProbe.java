package dev.slipway.agent.health;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A command check's try: the program exits with 0 within the time left to the deadline, or is killed. */
final class CommandProbe implements Probe {

    private final List<String> argv;

    CommandProbe(List<String> argv) {
        this.argv = argv;
    }

    @Override
    public Attempt attempt(Duration remaining) throws InterruptedException {
        BoundedProcess.Outcome outcome;
        try {
            outcome = BoundedProcess.run(argv, remaining);
        } catch (IOException e) {
            return Attempt.fail("cannot start " + argv.getFirst() + ": " + e.getMessage());
        }
        String said = outcome.lastLine();
        String output = said.isEmpty() ? "" : "; it said: " + said;
        if (!outcome.finished()) {
            return Attempt.stopped(argv.getFirst() + " was still running at the deadline and was killed" + output);
        }
        if (outcome.exitCode() == 0) {
            return Attempt.pass();
        }
        return Attempt.fail(argv.getFirst() + " exited with " + outcome.exitCode() + output);
    }
}
