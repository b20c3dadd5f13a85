package dev.slipway.agent.fetch;

/** Short descriptions of the JDK's network exceptions, many of which have no message of their own. */
final class Causes {

    private Causes() {
    }

    /** The innermost informative message in {@code t}'s chain, with the exception's kind when it says more. */
    static String describe(Throwable t) {
        Throwable deepest = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                deepest = c;
            }
        }
        String message = deepest.getMessage();
        String kind = deepest.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return kind;
        }
        return kind.equals("IOException") ? message : message + " (" + kind + ")";
    }
}
