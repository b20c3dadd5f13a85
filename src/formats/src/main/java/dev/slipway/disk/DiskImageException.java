package dev.slipway.disk;

import java.io.IOException;

/**
 * A disk image that cannot be read as its format says: a bad checksum or signature, a truncated
 * file, or a variant this code does not support (dynamic or differencing VHD, VHDX with a log to
 * replay). The message names the file and the problem.
 */
public class DiskImageException extends IOException {

    public DiskImageException(String message) {
        super(message);
    }
}
