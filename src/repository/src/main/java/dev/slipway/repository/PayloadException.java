package dev.slipway.repository;

/**
 * Payload data or metadata that cannot be used: a malformed or inconsistent frame index, a frame
 * whose bytes do not match the index or do not decompress to its length, or a hash tree or block
 * that does not match the trusted root hash. The message names the field, frame, level or block
 * and what was expected, because the agent reports it as the reason an update was refused.
 */
public final class PayloadException extends Exception {

    public PayloadException(String message) {
        super(message);
    }
}
