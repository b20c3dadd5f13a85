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
 * The 64 KiB table at the start of the metadata region: a 32-byte header ("metadata", entry count)
 * and 32-byte entries locating each metadata item within the region. It has no checksum.
 *
 * @param entries at most 2047
 */
public record MetadataTable(List<Entry> entries) {

    public static final int SIZE = 64 * 1024;
    public static final int OFFSET_SIGNATURE = 0;
    public static final int OFFSET_RESERVED = 8;
    public static final int OFFSET_ENTRY_COUNT = 10;
    public static final int OFFSET_RESERVED2 = 12;
    public static final int OFFSET_ENTRIES = 32;
    public static final int ENTRY_SIZE = 32;
    public static final int ENTRY_OFFSET_ITEM_ID = 0;
    public static final int ENTRY_OFFSET_OFFSET = 16;
    public static final int ENTRY_OFFSET_LENGTH = 20;
    public static final int ENTRY_OFFSET_FLAGS = 24;
    public static final int MAX_ENTRIES = 2047;
    public static final int FLAG_IS_USER = 1;
    public static final int FLAG_IS_VIRTUAL_DISK = 1 << 1;
    public static final int FLAG_IS_REQUIRED = 1 << 2;

    private static final byte[] SIGNATURE = "metadata".getBytes(StandardCharsets.US_ASCII);

    /**
     * Where one metadata item is.
     *
     * @param itemId what the item is
     * @param offset from the start of the metadata region, at least 64 KiB (0 for an empty item)
     * @param length at most 1 MiB
     * @param flags  {@link #FLAG_IS_USER}, {@link #FLAG_IS_VIRTUAL_DISK}, {@link #FLAG_IS_REQUIRED}
     */
    public record Entry(UUID itemId, long offset, long length, int flags) {

        public boolean isRequired() {
            return (flags & FLAG_IS_REQUIRED) != 0;
        }

        public boolean isUser() {
            return (flags & FLAG_IS_USER) != 0;
        }
    }

    public MetadataTable {
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(entries.size() + " metadata entries; at most " + MAX_ENTRIES);
        }
        entries = List.copyOf(entries);
    }

    /** The system (not user) entry for {@code itemId}, or null. */
    public Entry find(UUID itemId) {
        return entries.stream().filter(e -> !e.isUser() && e.itemId().equals(itemId)).findFirst().orElse(null);
    }

    /** All 64 KiB. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(OFFSET_SIGNATURE, SIGNATURE);
        b.putShort(OFFSET_ENTRY_COUNT, (short) entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int at = OFFSET_ENTRIES + i * ENTRY_SIZE;
            Guids.put(b, at + ENTRY_OFFSET_ITEM_ID, e.itemId());
            b.putInt(at + ENTRY_OFFSET_OFFSET, (int) e.offset());
            b.putInt(at + ENTRY_OFFSET_LENGTH, (int) e.length());
            b.putInt(at + ENTRY_OFFSET_FLAGS, e.flags());
        }
        return b.array();
    }

    /** @throws DiskImageException naming what is wrong: signature or entry count */
    public static MetadataTable decode(byte[] bytes) throws DiskImageException {
        if (bytes.length < SIZE) {
            throw new DiskImageException("a VHDX metadata table needs " + SIZE + " bytes, got " + bytes.length);
        }
        if (!Arrays.equals(bytes, OFFSET_SIGNATURE, OFFSET_SIGNATURE + 8, SIGNATURE, 0, 8)) {
            throw new DiskImageException("no \"metadata\" signature at the start of the metadata region");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int count = Short.toUnsignedInt(b.getShort(OFFSET_ENTRY_COUNT));
        if (count > MAX_ENTRIES) {
            throw new DiskImageException("metadata table claims " + count + " entries; at most " + MAX_ENTRIES);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = OFFSET_ENTRIES + i * ENTRY_SIZE;
            entries.add(new Entry(Guids.get(b, at + ENTRY_OFFSET_ITEM_ID),
                    Integer.toUnsignedLong(b.getInt(at + ENTRY_OFFSET_OFFSET)),
                    Integer.toUnsignedLong(b.getInt(at + ENTRY_OFFSET_LENGTH)), b.getInt(at + ENTRY_OFFSET_FLAGS)));
        }
        return new MetadataTable(entries);
    }
}
