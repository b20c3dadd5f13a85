package dev.slipway.build;

/** A build could not go on: the message says what went wrong and what to do about it. */
public class BuildException extends Exception {

    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
