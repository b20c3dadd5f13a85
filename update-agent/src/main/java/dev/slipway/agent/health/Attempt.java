package dev.slipway.agent.health;

/**
 * What one try of a check found.
 *
 * @param passed   the check passed
 * @param cutShort the try was still running when the check's deadline came, and was stopped
 * @param reason   why it did not pass (empty when it did)
 */
record Attempt(boolean passed, boolean cutShort, String reason) {

    static Attempt pass() {
        return new Attempt(true, false, "");
    }

    static Attempt fail(String reason) {
        return new Attempt(false, false, reason);
    }

    static Attempt stopped(String reason) {
        return new Attempt(false, true, reason);
    }
}
