package dev.slipway.vhdx;

import dev.slipway.disk.DiskImageException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A 64 KiB region table (two identical copies, at 192 and 256 KiB): a 16-byte header ("regi",
 * CRC-32C over the whole 64 KiB, entry count) and 32-byte entries locating the BAT and the metadata
 * region. Little-endian.
 *
 * @param entries at most 2047
 */
public record RegionTable(List<Entry> entries) {

    public static final int SIZE = 64 * 1024;
    public static final int OFFSET_SIGNATURE = 0;
    public static final int OFFSET_CHECKSUM = 4;
    public static final int OFFSET_ENTRY_COUNT = 8;
    public static final int OFFSET_RESERVED = 12;
    public static final int OFFSET_ENTRIES = 16;
    public static final int ENTRY_SIZE = 32;
    public static final int ENTRY_OFFSET_GUID = 0;
    public static final int ENTRY_OFFSET_FILE_OFFSET = 16;
    public static final int ENTRY_OFFSET_LENGTH = 24;
    public static final int ENTRY_OFFSET_REQUIRED = 28;
    public static final int MAX_ENTRIES = 2047;

    /** The block allocation table's region. */
    public static final UUID BAT = UUID.fromString("2DC27766-F623-4200-9D64-115E9BFD4A08");
    /** The metadata region. */
    public static final UUID METADATA = UUID.fromString("8B7CA206-4790-4B9A-B8FE-575F050F886E");

    private static final byte[] SIGNATURE = "regi".getBytes(StandardCharsets.US_ASCII);

    /**
     * A region: a 1 MiB-aligned part of the file.
     *
     * @param guid       what the region is
     * @param fileOffset where it starts, a multiple of 1 MiB, at least 1 MiB
     * @param length     its size, a multiple of 1 MiB (unsigned 32 bits)
     * @param required   whether a reader that does not know {@code guid} must refuse the file
     */
    public record Entry(UUID guid, long fileOffset, long length, boolean required) {

        public Entry {
            if (length < 0 || length > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("region length " + length + " does not fit 32 unsigned bits");
            }
        }

        public long end() {
            return fileOffset + length;
        }
    }

    public RegionTable {
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(entries.size() + " region table entries; at most " + MAX_ENTRIES);
        }
        entries = List.copyOf(entries);
    }

    /** The entry for {@code guid}, or null. */
    public Entry find(UUID guid) {
        return entries.stream().filter(e -> e.guid().equals(guid)).findFirst().orElse(null);
    }

    /** All 64 KiB, checksum included. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(OFFSET_SIGNATURE, SIGNATURE);
        b.putInt(OFFSET_ENTRY_COUNT, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int at = OFFSET_ENTRIES + i * ENTRY_SIZE;
            Guids.put(b, at + ENTRY_OFFSET_GUID, e.guid());
            b.putLong(at + ENTRY_OFFSET_FILE_OFFSET, e.fileOffset());
            b.putInt(at + ENTRY_OFFSET_LENGTH, (int) e.length());
            b.putInt(at + ENTRY_OFFSET_REQUIRED, e.required() ? 1 : 0);
        }
        b.putInt(OFFSET_CHECKSUM, Checksums.crc32c(b.array(), SIZE, OFFSET_CHECKSUM));
        return b.array();
    }

    /** @throws DiskImageException naming what is wrong: signature, checksum or entry count */
    public static RegionTable decode(byte[] bytes) throws DiskImageException {
        if (bytes.length < SIZE) {
            throw new DiskImageException("a VHDX region table needs " + SIZE + " bytes, got " + bytes.length);
        }
        if (!Arrays.equals(bytes, OFFSET_SIGNATURE, OFFSET_SIGNATURE + 4, SIGNATURE, 0, 4)) {
            throw new DiskImageException("no \"regi\" signature");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int stored = b.getInt(OFFSET_CHECKSUM);
        int computed = Checksums.crc32c(bytes, SIZE, OFFSET_CHECKSUM);
        if (stored != computed) {
            throw new DiskImageException(String.format("region table checksum mismatch: stored 0x%08x, computed 0x%08x",
                    stored, computed));
        }
        long count = Integer.toUnsignedLong(b.getInt(OFFSET_ENTRY_COUNT));
        if (count > MAX_ENTRIES) {
            throw new DiskImageException("region table claims " + count + " entries; at most " + MAX_ENTRIES);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = OFFSET_ENTRIES + i * ENTRY_SIZE;
            entries.add(new Entry(Guids.get(b, at + ENTRY_OFFSET_GUID), b.getLong(at + ENTRY_OFFSET_FILE_OFFSET),
                    Integer.toUnsignedLong(b.getInt(at + ENTRY_OFFSET_LENGTH)),
                    (b.getInt(at + ENTRY_OFFSET_REQUIRED) & 1) != 0));
        }
        return new RegionTable(entries);
    }
}
