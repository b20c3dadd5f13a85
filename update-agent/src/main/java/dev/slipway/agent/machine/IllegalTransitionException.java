package dev.slipway.agent.machine;

/** An event that cannot happen in the current phase: a bug, or a state file edited by hand. */
public final class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
