package dev.slipway.verity;

import java.io.IOException;

/**
 * A hash area or data file that cannot be a dm-verity volume as described: no or a damaged
 * superblock, parameters this package does not support, or files too short for the tree. A tree
 * that merely does not match its data is not an exception but a failed {@link VerificationResult}.
 */
public class VerityException extends IOException {

    public VerityException(String message) {
        super(message);
    }
}
