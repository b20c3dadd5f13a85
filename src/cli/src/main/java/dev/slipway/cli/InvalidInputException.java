package dev.slipway.cli;

/** The user's input cannot be used as given; the message says what to change. */
final class InvalidInputException extends RuntimeException {

    InvalidInputException(String message) {
        super(message);
    }
}
