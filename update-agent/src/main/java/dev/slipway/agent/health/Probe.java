package dev.slipway.agent.health;

import java.time.Duration;

/** One kind of check: a single try, which must return within {@code remaining} (the time to the deadline). */
interface Probe {

    Attempt attempt(Duration remaining) throws InterruptedException;
}
