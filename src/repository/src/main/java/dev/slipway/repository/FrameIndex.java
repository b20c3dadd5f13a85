package dev.slipway.repository;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where each frame of a /usr payload lies: the data bytes of usr.img it holds and the bytes of the
 * frames file that hold it, compressed. Frames cover the data {@code [0, dataSize)} in order,
 * without gaps or overlaps; every frame holds {@code frameSize} bytes of data but the last, which
 * holds what is left. Their compressed forms lie back to back in the frames file, from offset 0.
 *
 * <p>The constructor enforces all of this, so an index that exists is consistent; what it cannot
 * know (the data size the signed manifest states, how many frames a reader accepts) is checked by
 * {@link #parse(byte[], long, int)}. Messages name the JSON field ({@code frames[3].data-offset}).
 *
 * @param format    index format version, {@link #FORMAT}
 * @param frameSize data bytes per frame: a multiple of {@link #BLOCK_SIZE}, at most {@link #MAX_FRAME_SIZE}
 * @param dataSize  data bytes covered: the EROFS filesystem's size, a positive multiple of {@link #BLOCK_SIZE}
 * @param frames    the frames in data order; frame {@code i} has number {@code i}
 */
public record FrameIndex(int format, int frameSize, long dataSize, List<Frame> frames) {

    public static final int FORMAT = 1;
    /** The dm-verity data block size: frames are whole blocks, so each can be verified alone. */
    public static final int BLOCK_SIZE = 4096;
    public static final int DEFAULT_FRAME_SIZE = 1 << 20;
    /** Bounds what one frame makes the agent download and allocate, whatever the index says. */
    public static final int MAX_FRAME_SIZE = 16 << 20;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * One frame.
     *
     * @param number        the frame's position in the index, from 0
     * @param dataOffset    offset of its first data byte in usr.img
     * @param dataLength    data bytes it holds
     * @param payloadOffset offset of its compressed bytes in the frames file
     * @param payloadLength compressed bytes: one zstd frame
     * @param sha256        SHA-256 of the compressed bytes, lowercase hex
     */
    public record Frame(int number, long dataOffset, int dataLength, long payloadOffset, int payloadLength,
                        String sha256) {

        public Frame {
            if (number < 0 || dataOffset < 0 || dataLength <= 0 || payloadOffset < 0 || payloadLength <= 0) {
                throw new IllegalArgumentException("frames[" + number + "]: offsets must be 0 or more and lengths"
                        + " positive, not data " + dataOffset + "+" + dataLength + ", payload " + payloadOffset
                        + "+" + payloadLength);
            }
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("frames[" + number + "].sha256 is \"" + sha256
                        + "\", not a SHA-256 digest in lowercase hex");
            }
        }

        /** Offset just past its last data byte. */
        public long dataEnd() {
            return dataOffset + dataLength;
        }

        /** Offset just past its compressed bytes in the frames file. */
        public long payloadEnd() {
            return payloadOffset + payloadLength;
        }

        /** Index of its first dm-verity data block. */
        public long firstBlock() {
            return dataOffset / BLOCK_SIZE;
        }
    }

    public FrameIndex {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format is " + format + ", not " + FORMAT);
        }
        checkFrameSize(frameSize);
        if (dataSize <= 0 || dataSize % BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("data-size is " + dataSize + ", not a positive multiple of " + BLOCK_SIZE);
        }
        frames = List.copyOf(frames);
        long dataEnd = 0;
        long payloadEnd = 0;
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            String name = "frames[" + i + "]";
            if (frame.number() != i) {
                throw new IllegalArgumentException(name + " is numbered " + frame.number() + ", not " + i);
            }
            if (dataEnd >= dataSize) {
                throw new IllegalArgumentException(name + " starts at data offset " + frame.dataOffset()
                        + " but frames 0.." + (i - 1) + " already cover data-size " + dataSize);
            }
            if (frame.dataOffset() != dataEnd) {
                throw new IllegalArgumentException(name + ".data-offset is " + frame.dataOffset() + ", expected "
                        + dataEnd + ": frames must follow each other without gaps or overlaps");
            }
            long expectedLength = Math.min(frameSize, dataSize - dataEnd);
            if (frame.dataLength() != expectedLength) {
                throw new IllegalArgumentException(name + ".data-length is " + frame.dataLength() + ", expected "
                        + expectedLength + (expectedLength == frameSize ? " (frame-size)"
                        : " (the rest of data-size " + dataSize + ")"));
            }
            if (frame.payloadOffset() != payloadEnd) {
                throw new IllegalArgumentException(name + ".payload-offset is " + frame.payloadOffset() + ", expected "
                        + payloadEnd + ": compressed frames must follow each other without gaps or overlaps");
            }
            if (frame.payloadLength() > maxPayloadLength(frame.dataLength())) {
                throw new IllegalArgumentException(name + ".payload-length is " + frame.payloadLength()
                        + ", more than the " + maxPayloadLength(frame.dataLength()) + " bytes zstd needs at worst for "
                        + frame.dataLength() + " bytes of data");
            }
            dataEnd = frame.dataEnd();
            payloadEnd = frame.payloadEnd();
        }
        if (dataEnd != dataSize) {
            throw new IllegalArgumentException("frames cover data [0, " + dataEnd + "), not [0, " + dataSize
                    + ") (data-size)");
        }
    }

    /**
     * Parses an index strictly: unknown fields, duplicate keys and wrong types are refused, and so
     * is everything the constructor refuses.
     *
     * @param expectedDataSize the data size the signed manifest states for usr.img
     * @param maxFrames        the most frames the caller accepts
     * @throws PayloadException naming the field (such as {@code frames[3].data-offset}) and what was expected
     */
    public static FrameIndex parse(byte[] json, long expectedDataSize, int maxFrames) throws PayloadException {
        return FrameIndexJson.parse(json, expectedDataSize, maxFrames);
    }

    /** The index as canonical JSON: the same index always gives the same bytes. */
    public byte[] toJson() {
        return FrameIndexJson.toBytes(this);
    }

    /** Size of the frames file: the end of the last compressed frame. */
    public long payloadSize() {
        return frames.getLast().payloadEnd();
    }

    /**
     * The most bytes a zstd frame of {@code dataLength} bytes needs: zstd's own {@code
     * ZSTD_compressBound}. No encoder needs more, so a longer payload is refused before it is read.
     */
    public static int maxPayloadLength(int dataLength) {
        int blockSize = 128 << 10;
        int bound = dataLength + (dataLength >>> 8);
        return dataLength < blockSize ? bound + ((blockSize - dataLength) >>> 11) : bound;
    }

    static void checkFrameSize(long frameSize) {
        if (frameSize < BLOCK_SIZE || frameSize > MAX_FRAME_SIZE || frameSize % BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("frame-size is " + frameSize + ", not a multiple of " + BLOCK_SIZE
                    + " from " + BLOCK_SIZE + " to " + MAX_FRAME_SIZE);
        }
    }
}
