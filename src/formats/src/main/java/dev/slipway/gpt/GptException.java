package dev.slipway.gpt;

import java.io.IOException;

/**
 * A disk without a usable GUID Partition Table: no or damaged headers (signature, CRC, sizes,
 * locations), damaged entry arrays, or entries that overlap or leave the usable area. The message
 * names the structure, its LBA and what is wrong with it.
 */
public class GptException extends IOException {

    public GptException(String message) {
        super(message);
    }
}
