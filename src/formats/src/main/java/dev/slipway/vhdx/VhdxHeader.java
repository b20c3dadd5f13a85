package dev.slipway.vhdx;

import dev.slipway.disk.DiskImageException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * One of the two 4 KiB VHDX headers (at 64 and 128 KiB). The valid header with the higher sequence
 * number is the current one. Little-endian; the CRC-32C covers all 4 KiB with its field zero.
 *
 * @param sequenceNumber which header is current
 * @param fileWriteGuid  changes whenever the file is opened for writing
 * @param dataWriteGuid  changes whenever the virtual disk's contents change
 * @param logGuid        zero when the log is empty; otherwise the log must be replayed
 * @param logVersion     0
 * @param version        1
 * @param logLength      log size in bytes, a multiple of 1 MiB
 * @param logOffset      where the log starts, a multiple of 1 MiB
 */
public record VhdxHeader(long sequenceNumber, UUID fileWriteGuid, UUID dataWriteGuid, UUID logGuid, int logVersion,
                         int version, long logLength, long logOffset) {

    public static final int SIZE = 4096;
    public static final int OFFSET_SIGNATURE = 0;
    public static final int OFFSET_CHECKSUM = 4;
    public static final int OFFSET_SEQUENCE_NUMBER = 8;
    public static final int OFFSET_FILE_WRITE_GUID = 16;
    public static final int OFFSET_DATA_WRITE_GUID = 32;
    public static final int OFFSET_LOG_GUID = 48;
    public static final int OFFSET_LOG_VERSION = 64;
    public static final int OFFSET_VERSION = 66;
    public static final int OFFSET_LOG_LENGTH = 68;
    public static final int OFFSET_LOG_OFFSET = 72;
    /** 4016 reserved bytes to the end, zero. */
    public static final int OFFSET_RESERVED = 80;

    public static final int VERSION = 1;
    public static final int LOG_VERSION = 0;
    public static final UUID NO_LOG = new UUID(0, 0);

    private static final byte[] SIGNATURE = "head".getBytes(StandardCharsets.US_ASCII);

    public VhdxHeader {
        if (fileWriteGuid == null || dataWriteGuid == null || logGuid == null) {
            throw new IllegalArgumentException("header GUIDs must not be null");
        }
        if (logLength < 0 || logLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("log length " + logLength + " does not fit 32 unsigned bits");
        }
    }

    /** Whether the log holds entries to replay. */
    public boolean logIsEmpty() {
        return logGuid.equals(NO_LOG);
    }

    /** The 4096 bytes, checksum included. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(OFFSET_SIGNATURE, SIGNATURE);
        b.putLong(OFFSET_SEQUENCE_NUMBER, sequenceNumber);
        Guids.put(b, OFFSET_FILE_WRITE_GUID, fileWriteGuid);
        Guids.put(b, OFFSET_DATA_WRITE_GUID, dataWriteGuid);
        Guids.put(b, OFFSET_LOG_GUID, logGuid);
        b.putShort(OFFSET_LOG_VERSION, (short) logVersion);
        b.putShort(OFFSET_VERSION, (short) version);
        b.putInt(OFFSET_LOG_LENGTH, (int) logLength);
        b.putLong(OFFSET_LOG_OFFSET, logOffset);
        b.putInt(OFFSET_CHECKSUM, Checksums.crc32c(b.array(), SIZE, OFFSET_CHECKSUM));
        return b.array();
    }

    /**
     * Parses a header whose signature and checksum are right; the version is checked by the reader.
     *
     * @throws DiskImageException naming what is wrong: signature or checksum
     */
    public static VhdxHeader decode(byte[] bytes) throws DiskImageException {
        if (bytes.length < SIZE) {
            throw new DiskImageException("a VHDX header needs " + SIZE + " bytes, got " + bytes.length);
        }
        if (!Arrays.equals(bytes, OFFSET_SIGNATURE, OFFSET_SIGNATURE + 4, SIGNATURE, 0, 4)) {
            throw new DiskImageException("no \"head\" signature");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int stored = b.getInt(OFFSET_CHECKSUM);
        int computed = Checksums.crc32c(bytes, SIZE, OFFSET_CHECKSUM);
        if (stored != computed) {
            throw new DiskImageException(String.format("header checksum mismatch: stored 0x%08x, computed 0x%08x",
                    stored, computed));
        }
        return new VhdxHeader(b.getLong(OFFSET_SEQUENCE_NUMBER), Guids.get(b, OFFSET_FILE_WRITE_GUID),
                Guids.get(b, OFFSET_DATA_WRITE_GUID), Guids.get(b, OFFSET_LOG_GUID),
                Short.toUnsignedInt(b.getShort(OFFSET_LOG_VERSION)), Short.toUnsignedInt(b.getShort(OFFSET_VERSION)),
                Integer.toUnsignedLong(b.getInt(OFFSET_LOG_LENGTH)), b.getLong(OFFSET_LOG_OFFSET));
    }
}
