package dev.slipway.build.boot;

/** The image cannot be made bootable: the message says what it lacks and what to add. */
public final class BootException extends Exception {

    public BootException(String message) {
        super(message);
    }
}
