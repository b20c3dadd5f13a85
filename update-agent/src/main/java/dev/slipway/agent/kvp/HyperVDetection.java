package dev.slipway.agent.kvp;

import java.util.Objects;

/**
 * Whether the agent runs in a Hyper-V (or Azure) guest, and why it thinks so.
 *
 * @param hyperV true in a Hyper-V or Azure guest
 * @param reason one line for the log: what DMI, OSHI and the VMBus said
 */
public record HyperVDetection(boolean hyperV, String reason) {

    /** Checks the reason is one line. */
    public HyperVDetection {
        Objects.requireNonNull(reason, "reason");
        if (reason.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a detection reason is one line: " + reason);
        }
    }
}
