package dev.slipway.agent.testing;

/**
 * Counts the operations the agent makes on its disk, ESP and state files, and cuts the power at the
 * chosen one: that operation never happens and {@link PowerCut} unwinds the agent, as a crash would.
 */
public final class CrashSwitch {

    /** Thrown at the cut; an Error, so no handler in the agent mistakes it for a failure it can handle. */
    public static final class PowerCut extends Error {
        PowerCut(long operation) {
            super("power cut before operation " + operation);
        }
    }

    private final long cutAt;
    private long operations;

    /** @param cutAt the operation (counting from 1) that does not happen; 0 or less: never cut */
    public CrashSwitch(long cutAt) {
        this.cutAt = cutAt;
    }

    public static CrashSwitch never() {
        return new CrashSwitch(0);
    }

    /** Called before each operation. */
    public void tick() {
        operations++;
        if (operations == cutAt) {
            throw new PowerCut(operations);
        }
    }

    public long operations() {
        return operations;
    }
}
