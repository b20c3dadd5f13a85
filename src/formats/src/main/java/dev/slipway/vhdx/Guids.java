package dev.slipway.vhdx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * GUIDs in Microsoft's binary form, as [MS-VHDX] stores them: the first three fields
 * (Data1 32 bits, Data2 and Data3 16 bits each) little-endian, the last eight bytes as written.
 * 2DC27766-F623-4200-9D64-115E9BFD4A08 is stored as 66 77 C2 2D 23 F6 00 42 9D 64 11 5E 9B FD 4A 08.
 */
final class Guids {

    static final int SIZE = 16;

    private Guids() {
    }

    static void put(ByteBuffer buffer, int offset, UUID guid) {
        long high = guid.getMostSignificantBits();
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(offset, (int) (high >>> 32));
        b.putShort(offset + 4, (short) (high >>> 16));
        b.putShort(offset + 6, (short) high);
        b.order(ByteOrder.BIG_ENDIAN).putLong(offset + 8, guid.getLeastSignificantBits());
    }

    static UUID get(ByteBuffer buffer, int offset) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long high = (b.getInt(offset) & 0xFFFF_FFFFL) << 32 | (b.getShort(offset + 4) & 0xFFFFL) << 16
                | b.getShort(offset + 6) & 0xFFFFL;
        return new UUID(high, b.order(ByteOrder.BIG_ENDIAN).getLong(offset + 8));
    }

    static byte[] bytes(UUID guid) {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        put(b, 0, guid);
        return b.array();
    }
}
