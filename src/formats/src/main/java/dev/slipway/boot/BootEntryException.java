package dev.slipway.boot;

/**
 * A boot loader entry or its file name is not one Slipway writes: an unknown or repeated key, a
 * missing one, a value systemd-boot would read differently, or a malformed boot counter. The message
 * names the line or the file name.
 */
public final class BootEntryException extends Exception {

    public BootEntryException(String message) {
        super(message);
    }
}
