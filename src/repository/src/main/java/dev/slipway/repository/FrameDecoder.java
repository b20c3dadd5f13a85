package dev.slipway.repository;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdDecompressor;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Decodes one compressed frame into exactly the data bytes its index entry promises, no more.
 *
 * <p>The index is not signed, so a hostile repository can pair any bytes with a matching digest:
 * the digest check only catches damage in transit or storage. What keeps hostile input harmless
 * is the bound: the output buffer is {@code dataLength} bytes (at most 16 MiB) and the decoder may
 * not write past it, so a frame that expands further is refused rather than followed. The decoded
 * bytes are still unverified until {@link VerifiedHashTree#verifyFrame} has checked them.
 */
public final class FrameDecoder {

    // The decoder's own words when a frame would write past the output buffer.
    private static final String OUTPUT_TOO_SMALL = "Output buffer too small";

    private FrameDecoder() {
    }

    /**
     * The data of {@code frame}, decoded from its compressed bytes.
     *
     * @throws PayloadException naming the frame if {@code compressed} is not {@code payloadLength}
     *                          bytes, does not hash to {@code sha256}, is not a valid zstd frame,
     *                          or decodes to more or fewer than {@code dataLength} bytes
     */
    public static byte[] decode(byte[] compressed, FrameIndex.Frame frame) throws PayloadException {
        String name = "frame " + frame.number();
        if (compressed.length != frame.payloadLength()) {
            throw new PayloadException(name + " is " + compressed.length + " compressed bytes, the index says "
                    + frame.payloadLength());
        }
        byte[] digest = FramedPayload.sha256().digest(compressed);
        if (!MessageDigest.isEqual(digest, HexFormat.of().parseHex(frame.sha256()))) {
            throw new PayloadException(name + " has SHA-256 " + HexFormat.of().formatHex(digest) + ", the index says "
                    + frame.sha256());
        }
        int expected = frame.dataLength();
        long declared = declaredSize(compressed, name);
        // -1: the header states no size. A stated size must be ours; it is checked before any
        // decoding, and the bound below catches a frame that states none or lies.
        if (declared != -1 && declared != expected) {
            throw new PayloadException(name + " declares " + Long.toUnsignedString(declared)
                    + " bytes of content, the index says " + expected + (Long.compareUnsigned(declared, expected) > 0
                    ? ": refusing to decompress more than the index allows" : ""));
        }
        byte[] data = new byte[expected];
        int written;
        try {
            written = new ZstdDecompressor().decompress(compressed, 0, compressed.length, data, 0, expected);
        } catch (MalformedInputException e) {
            if (e.getMessage().startsWith(OUTPUT_TOO_SMALL)) {
                throw new PayloadException(name + " decompresses to more than the " + expected
                        + " bytes the index says; decoding stopped there");
            }
            throw new PayloadException(name + " is not a valid zstd frame: " + e.getMessage());
        } catch (RuntimeException e) {
            // The decoder reads untrusted bytes; whatever else it throws, the frame is unusable.
            throw new PayloadException(name + " is not a valid zstd frame: " + e);
        }
        if (written != expected) {
            throw new PayloadException(name + " decompresses to " + written + " bytes, the index says " + expected);
        }
        return data;
    }

    private static long declaredSize(byte[] compressed, String name) throws PayloadException {
        try {
            return ZstdDecompressor.getDecompressedSize(compressed, 0, compressed.length);
        } catch (RuntimeException e) {
            throw new PayloadException(name + " is not a valid zstd frame: " + e.getMessage());
        }
    }
}
