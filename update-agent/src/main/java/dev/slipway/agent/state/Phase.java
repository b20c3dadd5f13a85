package dev.slipway.agent.state;

import java.util.Locale;

/**
 * Where the agent is in installing an update. The phase is persisted after every change, so a restart
 * (a crash, a power cut, the reboot itself) continues from it.
 */
public enum Phase {
    /** Nothing staged; waiting for the next check. */
    IDLE,
    /** Reading the channel and the manifest; nothing on the disk changes in this phase. */
    CHECKING,
    /** Writing verified blocks into the inactive slot, which has no boot entry while this lasts. */
    DOWNLOADING,
    /** Reading the written slot back and checking it against the signed root hash. */
    VERIFYING,
    /** The slot verified, its boot files and entry are written and selected; waiting for a reboot. */
    STAGED,
    /** A reboot was asked for (immediately, or from the cluster through kured). */
    REBOOTING,
    /** Booted into the new slot; waiting for boot-complete.target and the blessing. */
    CONFIRMING,
    /** The new slot booted and was blessed. */
    GOOD,
    /** The new slot failed to boot; the bootloader went back to the old one. */
    ROLLED_BACK,
    /** An update was refused or failed before it was staged; the node runs what it ran. */
    FAILED;

    /** The name used in state files, status, metrics and KVP: lowercase with dashes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Phase ofLabel(String label) {
        for (Phase phase : values()) {
            if (phase.label().equals(label)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("unknown phase \"" + label + "\"");
    }

    /** Whether an update is in flight: a new check must not start and the target slot is not free. */
    public boolean installing() {
        return this == DOWNLOADING || this == VERIFYING || this == STAGED || this == REBOOTING || this == CONFIRMING;
    }
}
