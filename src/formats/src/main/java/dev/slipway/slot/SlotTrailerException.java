package dev.slipway.slot;

/** A USR slot has no usable trailer: never written, half-written, damaged or of an unknown version. */
public final class SlotTrailerException extends Exception {

    public SlotTrailerException(String message) {
        super(message);
    }
}
