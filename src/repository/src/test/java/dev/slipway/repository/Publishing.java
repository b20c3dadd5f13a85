package dev.slipway.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Assertions about refused publishes. */
final class Publishing {

    private Publishing() {
    }

    interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action}, which must be refused for {@code reason}; returns the refusal. */
    static PublishException refused(Action action, PublishException.Reason reason) {
        PublishException e = assertThrows(PublishException.class, action::run);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }
}
