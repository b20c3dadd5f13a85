package dev.slipway.gpt;

import java.util.Locale;
import java.util.UUID;

/**
 * A GUID as GPT stores it (UEFI spec appendix A, "mixed-endian"): the first three fields of the
 * textual form little-endian, the last two (eight bytes) in textual order. The EFI System type
 * {@code C12A7328-F81F-11D2-BA4B-00A0C93EC93B} is on disk as {@code 28 73 2A C1 1F F8 D2 11 BA 4B
 * 00 A0 C9 3E C9 3B}.
 *
 * <p>The two longs hold the 128 bits in textual order, as {@link UUID} does, so {@link #fromUuid}
 * and {@link #toUuid} are exact. {@link #toString()} is upper case, as sgdisk, sfdisk and cgpt
 * print GUIDs; {@link #parse} takes either case.
 *
 * @param high the first 16 hex digits of the textual form
 * @param low  the last 16 hex digits of the textual form
 */
public record Guid(long high, long low) {

    /** Bytes of a GUID on disk. */
    public static final int SIZE = 16;

    /** The all-zero GUID: as a partition type it marks an unused entry. */
    public static final Guid ZERO = new Guid(0, 0);

    private static final int[] DASHES = {8, 13, 18, 23};
    private static final int TEXT_LENGTH = 36;

    /**
     * Parses {@code XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} (36 characters, hex digits in either
     * case). Unlike {@link UUID#fromString} it refuses short fields and missing dashes.
     */
    public static Guid parse(String text) {
        if (text.length() != TEXT_LENGTH) {
            throw new IllegalArgumentException("GUID '" + text + "' is not 36 characters (XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX)");
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < TEXT_LENGTH; i++) {
            char c = text.charAt(i);
            if (i == DASHES[0] || i == DASHES[1] || i == DASHES[2] || i == DASHES[3]) {
                if (c != '-') {
                    throw new IllegalArgumentException("GUID '" + text + "' lacks a '-' at position " + i);
                }
                continue;
            }
            int value = Character.digit(c, 16);
            if (value < 0 || c > 'f') {
                throw new IllegalArgumentException("GUID '" + text + "' has '" + c + "' at position " + i
                        + ", not a hex digit");
            }
            if (digits < 16) {
                high = high << 4 | value;
            } else {
                low = low << 4 | value;
            }
            digits++;
        }
        return new Guid(high, low);
    }

    public static Guid fromUuid(UUID uuid) {
        return new Guid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    public UUID toUuid() {
        return new UUID(high, low);
    }

    /** Reads the 16 on-disk bytes at {@code offset} of {@code bytes}. */
    public static Guid fromBytes(byte[] bytes, int offset) {
        long timeLow = Integer.toUnsignedLong(Bytes.getIntLe(bytes, offset));
        long timeMid = Short.toUnsignedLong(Bytes.getShortLe(bytes, offset + 4));
        long timeHigh = Short.toUnsignedLong(Bytes.getShortLe(bytes, offset + 6));
        return new Guid(timeLow << 32 | timeMid << 16 | timeHigh, Bytes.getLongBe(bytes, offset + 8));
    }

    /** The 16 on-disk bytes. */
    public byte[] toBytes() {
        byte[] bytes = new byte[SIZE];
        writeTo(bytes, 0);
        return bytes;
    }

    /** Writes the 16 on-disk bytes at {@code offset} of {@code target}. */
    public void writeTo(byte[] target, int offset) {
        Bytes.putIntLe(target, offset, (int) (high >>> 32));
        Bytes.putShortLe(target, offset + 4, (short) (high >>> 16));
        Bytes.putShortLe(target, offset + 6, (short) high);
        Bytes.putLongBe(target, offset + 8, low);
    }

    public boolean isZero() {
        return high == 0 && low == 0;
    }

    /** Upper case, {@code C12A7328-F81F-11D2-BA4B-00A0C93EC93B}. */
    @Override
    public String toString() {
        return toUuid().toString().toUpperCase(Locale.ROOT);
    }
}
