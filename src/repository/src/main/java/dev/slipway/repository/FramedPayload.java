package dev.slipway.repository;

import dev.slipway.io.Progress;
import io.airlift.compress.zstd.ZstdCompressor;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the /usr payload: the filesystem part of usr.img cut into frames of a fixed size, each
 * compressed on its own as one zstd frame, back to back in one file. Independent frames let the
 * agent fetch any frame by byte range, decode it with a bounded buffer, verify its blocks against
 * the hash tree and write them, without holding more than one frame or trusting anything unverified.
 *
 * <p>The output depends only on the input bytes and the frame size (zstd level 3, aircompressor's
 * pure-Java encoder), so publishing the same image twice gives the same files.
 */
public final class FramedPayload {

    private FramedPayload() {
    }

    /**
     * Compresses bytes {@code [0, dataSize)} of {@code usrImage} into {@code framesOut}, which is
     * created or truncated, and returns its index. One frame of input and one of output are held
     * in memory at a time.
     *
     * @param dataSize  size of the EROFS filesystem: the data dm-verity covers, a positive multiple
     *                  of 4096; the verity area after it is published separately
     * @param frameSize data bytes per frame, a multiple of 4096 up to 16 MiB
     *                  ({@link FrameIndex#DEFAULT_FRAME_SIZE} unless there is a reason)
     * @throws EOFException if {@code usrImage} is shorter than {@code dataSize}
     */
    public static FrameIndex write(Path usrImage, long dataSize, int frameSize, Path framesOut) throws IOException {
        return write(usrImage, dataSize, frameSize, framesOut, Progress.NONE);
    }

    /**
     * As {@link #write(Path, long, int, Path)}, telling {@code progress} the data size, then each
     * frame's data bytes as they are compressed (a 770 MB /usr takes a while).
     */
    public static FrameIndex write(Path usrImage, long dataSize, int frameSize, Path framesOut, Progress progress)
            throws IOException {
        FrameIndex.checkFrameSize(frameSize);
        if (dataSize <= 0 || dataSize % FrameIndex.BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("data size " + dataSize + " is not a positive multiple of "
                    + FrameIndex.BLOCK_SIZE);
        }
        ZstdCompressor compressor = new ZstdCompressor();
        byte[] data = new byte[frameSize];
        byte[] compressed = new byte[compressor.maxCompressedLength(frameSize)];
        MessageDigest sha256 = sha256();
        List<FrameIndex.Frame> frames = new ArrayList<>();
        try (FileChannel in = FileChannel.open(usrImage, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(framesOut, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            if (in.size() < dataSize) {
                throw new EOFException(usrImage + " is " + in.size() + " bytes, shorter than the data size " + dataSize);
            }
            progress.start("framing usr.img", dataSize);
            long payloadOffset = 0;
            for (long dataOffset = 0; dataOffset < dataSize; dataOffset += frameSize) {
                int length = (int) Math.min(frameSize, dataSize - dataOffset);
                readFully(in, ByteBuffer.wrap(data, 0, length), dataOffset, usrImage);
                int compressedLength = compressor.compress(data, 0, length, compressed, 0, compressed.length);
                sha256.update(compressed, 0, compressedLength);
                String digest = HexFormat.of().formatHex(sha256.digest());
                writeFully(out, ByteBuffer.wrap(compressed, 0, compressedLength), payloadOffset);
                frames.add(new FrameIndex.Frame(frames.size(), dataOffset, length, payloadOffset, compressedLength,
                        digest));
                payloadOffset += compressedLength;
                progress.advance(length);
            }
            progress.finish();
        }
        return new FrameIndex(FrameIndex.FORMAT, frameSize, dataSize, frames);
    }

    /** Fills {@code buffer}, which starts at position 0, from {@code position} of {@code in}. */
    private static void readFully(FileChannel in, ByteBuffer buffer, long position, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException(file + " ended at " + (position + buffer.position()) + " while reading a frame");
            }
        }
    }

    /** Writes all of {@code buffer}, which starts at position 0, at {@code position} of {@code out}. */
    private static void writeFully(FileChannel out, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer, position + buffer.position());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
