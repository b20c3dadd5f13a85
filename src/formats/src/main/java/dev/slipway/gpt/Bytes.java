package dev.slipway.gpt;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** Byte-order access to arrays, CRC-32 and whole-buffer positional I/O for the GPT structures. */
final class Bytes {

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    static short getShortLe(byte[] b, int offset) {
        return (short) SHORT_LE.get(b, offset);
    }

    static int getIntLe(byte[] b, int offset) {
        return (int) INT_LE.get(b, offset);
    }

    static long getLongLe(byte[] b, int offset) {
        return (long) LONG_LE.get(b, offset);
    }

    static long getLongBe(byte[] b, int offset) {
        return (long) LONG_BE.get(b, offset);
    }

    static void putShortLe(byte[] b, int offset, short value) {
        SHORT_LE.set(b, offset, value);
    }

    static void putIntLe(byte[] b, int offset, int value) {
        INT_LE.set(b, offset, value);
    }

    static void putLongLe(byte[] b, int offset, long value) {
        LONG_LE.set(b, offset, value);
    }

    static void putLongBe(byte[] b, int offset, long value) {
        LONG_BE.set(b, offset, value);
    }

    /** The CRC-32 (ISO-HDLC, as zlib and the UEFI spec compute it) of a range of {@code b}. */
    static int crc32(byte[] b, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(b, offset, length);
        return (int) crc.getValue();
    }

    /** Reads exactly {@code length} bytes at {@code position}; EOF says what was being read. */
    static byte[] read(PositionalReader reader, long position, int length, String what) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            reader.readFully(buffer, position);
        } catch (EOFException e) {
            EOFException named = new EOFException(e.getMessage() + ", inside the " + what + " (bytes " + position
                    + " to " + (position + length) + ")");
            named.initCause(e);
            throw named;
        }
        return buffer.array();
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset} at {@code position}, touching nothing else. */
    static void write(DiskWriter disk, long position, byte[] bytes, int offset, int length) throws IOException {
        disk.writeFully(ByteBuffer.wrap(bytes, offset, length).slice(), position);
    }
}
