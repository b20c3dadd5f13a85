package dev.slipway.agent.machine;

import dev.slipway.agent.state.Phase;
import dev.slipway.agent.state.Target;

/** What happened: the only way the agent's state changes ({@link Transitions#apply}). */
public sealed interface Event {

    /** A check of the channel began. */
    record CheckStarted(long epochSeconds) implements Event {
    }

    /**
     * The check found nothing to install (up to date, paused, pinned elsewhere, not this node's wave yet).
     *
     * @param resting        the phase to rest in: the outcome of the last update, kept for status
     * @param channelVersion the channel metadata version verified, 0 if none was
     */
    record CheckConcluded(String message, long channelVersion, Phase resting) implements Event {
    }

    /** The release was refused before anything was written (a signature, an expiry, a downgrade, ...). */
    record Refused(String message, boolean verificationFailure, long channelVersion) implements Event {
    }

    /** A release passed every check; installing it into {@code target.slot()} begins. */
    record TargetChosen(Target target, long channelVersion) implements Event {
    }

    /** Frames up to {@code framesDone} are written and synced; {@code bytes} were downloaded for them. */
    record FramesWritten(int framesDone, long bytes) implements Event {
    }

    /** Every frame and the hash tree are in the slot. */
    record DownloadComplete() implements Event {
    }

    /** The slot verified on disk; its boot files and entry are written and selected. */
    record Staged(String message) implements Event {
    }

    /** A reboot into the new slot was asked for. */
    record RebootRequested(String how) implements Event {
    }

    /** The node booted the new slot; its health decides now. */
    record BootedTarget() implements Event {
    }

    /** The new slot's boot was blessed. */
    record Confirmed(String message) implements Event {
    }

    /** The new slot's tries ran out and the old slot booted. */
    record RollbackDetected(String message) implements Event {
    }

    /** Installing failed after it began; the slot is left without a boot entry. */
    record InstallFailed(String message, boolean verificationFailure) implements Event {
    }

    /** The operator paused or resumed updates. */
    record PauseChanged(boolean paused) implements Event {
    }

    /** The operator pinned a version, or removed the pin ({@code null}). */
    record Pinned(String version) implements Event {
    }

    /** The operator allows a version that rolled back to be installed again. */
    record RollbackForgotten(String version) implements Event {
    }

    /** The operator rolled back from {@code version} to the other slot. */
    record OperatorRolledBack(String version, String message) implements Event {
    }
}
