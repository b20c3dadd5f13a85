package dev.slipway.vhdx;

import dev.slipway.disk.DiskImageException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The file type identifier at offset 0: the signature "vhdxfile" and a creator string (UTF-16LE,
 * up to 256 code units, diagnostic only). The rest of its 64 KiB is reserved.
 *
 * @param creator who wrote the file
 */
public record FileIdentifier(String creator) {

    public static final int SIZE = 64 * 1024;
    public static final int OFFSET_SIGNATURE = 0;
    public static final int OFFSET_CREATOR = 8;
    public static final int CREATOR_BYTES = 512;
    /** The bytes that carry meaning; the rest of the structure is zero. */
    public static final int ENCODED_SIZE = OFFSET_CREATOR + CREATOR_BYTES;

    static final byte[] SIGNATURE = "vhdxfile".getBytes(StandardCharsets.US_ASCII);

    public FileIdentifier {
        if (creator.getBytes(StandardCharsets.UTF_16LE).length > CREATOR_BYTES) {
            throw new IllegalArgumentException("VHDX creator '" + creator + "' is longer than 256 UTF-16 units");
        }
    }

    /** The signature and creator, {@link #ENCODED_SIZE} bytes. */
    public byte[] encode() {
        byte[] bytes = new byte[ENCODED_SIZE];
        System.arraycopy(SIGNATURE, 0, bytes, OFFSET_SIGNATURE, SIGNATURE.length);
        byte[] name = creator.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, bytes, OFFSET_CREATOR, name.length);
        return bytes;
    }

    /** @throws DiskImageException if the signature is not "vhdxfile" */
    public static FileIdentifier decode(byte[] bytes) throws DiskImageException {
        if (bytes.length < ENCODED_SIZE || !Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new DiskImageException("no VHDX file type identifier: the file does not start with \"vhdxfile\"");
        }
        int end = OFFSET_CREATOR;
        while (end + 1 < ENCODED_SIZE && (bytes[end] != 0 || bytes[end + 1] != 0)) {
            end += 2;
        }
        return new FileIdentifier(new String(bytes, OFFSET_CREATOR, end - OFFSET_CREATOR, StandardCharsets.UTF_16LE));
    }
}
