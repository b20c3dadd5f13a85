package dev.slipway.gpt;

import java.util.Arrays;

/**
 * One 128-byte entry of the GPT partition entry array (UEFI spec 2.x, section 5.3.3),
 * little-endian. An entry whose type is {@link Guid#ZERO} is unused; the others describe the
 * sectors {@link #firstLba} to {@link #lastLba}, both inclusive.
 *
 * @param type       partition type GUID
 * @param unique     unique partition GUID (the PARTUUID)
 * @param firstLba   first sector
 * @param lastLba    last sector, inclusive
 * @param attributes the 64 attribute bits: {@link #ATTRIBUTE_REQUIRED} and the other UEFI bits
 *                   0 to 2, type-specific bits 48 to 63 (see {@link SlotAttributes})
 * @param name       the partition name (label): at most {@value #NAME_UNITS} UTF-16 code units, so
 *                   a character outside the BMP counts twice; stored UTF-16LE, NUL-padded
 */
public record PartitionEntry(Guid type, Guid unique, long firstLba, long lastLba, long attributes, String name) {

    public static final int OFFSET_TYPE = 0;
    public static final int OFFSET_UNIQUE = 16;
    public static final int OFFSET_FIRST_LBA = 32;
    public static final int OFFSET_LAST_LBA = 40;
    public static final int OFFSET_ATTRIBUTES = 48;
    public static final int OFFSET_NAME = 56;
    /** UTF-16 code units the name field holds (72 bytes). */
    public static final int NAME_UNITS = 36;
    public static final int SIZE = 128;

    /** UEFI bit 0: the platform needs the partition to function. */
    public static final long ATTRIBUTE_REQUIRED = 1L;
    /** UEFI bit 1: firmware must not produce an EFI_BLOCK_IO_PROTOCOL for it. */
    public static final long ATTRIBUTE_NO_BLOCK_IO = 1L << 1;
    /** UEFI bit 2: legacy BIOS bootable (cgpt's {@code -B}, sfdisk's {@code LegacyBIOSBootable}). */
    public static final long ATTRIBUTE_LEGACY_BIOS_BOOTABLE = 1L << 2;

    /** The all-zero entry. */
    public static final PartitionEntry UNUSED = new PartitionEntry(Guid.ZERO, Guid.ZERO, 0, 0, 0, "");

    public PartitionEntry {
        if (type == null || unique == null || name == null) {
            throw new IllegalArgumentException("type, unique GUID and name must not be null");
        }
        if (name.length() > NAME_UNITS) {
            throw new IllegalArgumentException("partition name '" + name + "' is " + name.length()
                    + " UTF-16 code units; GPT holds " + NAME_UNITS);
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("partition name '" + name.replace('\0', '?')
                    + "' contains NUL, which ends a GPT name");
        }
    }

    public boolean isUnused() {
        return type.isZero();
    }

    /** Number of sectors, {@code lastLba - firstLba + 1}. */
    public long sectors() {
        return lastLba - firstLba + 1;
    }

    public long sizeBytes() {
        return sectors() * PartitionTable.SECTOR_SIZE;
    }

    public long firstByte() {
        return firstLba * PartitionTable.SECTOR_SIZE;
    }

    public PartitionEntry withAttributes(long newAttributes) {
        return new PartitionEntry(type, unique, firstLba, lastLba, newAttributes, name);
    }

    /** The ChromeOS/Flatcar slot bits of {@link #attributes}. */
    public SlotAttributes slot() {
        return SlotAttributes.fromAttributes(attributes);
    }

    /** This entry with {@code slot} applied to its attributes, other bits unchanged. */
    public PartitionEntry withSlot(SlotAttributes slot) {
        return withAttributes(slot.applyTo(attributes));
    }

    /** Writes the 128 bytes at {@code offset} of {@code target}. */
    public void encode(byte[] target, int offset) {
        Arrays.fill(target, offset, offset + SIZE, (byte) 0);
        type.writeTo(target, offset + OFFSET_TYPE);
        unique.writeTo(target, offset + OFFSET_UNIQUE);
        Bytes.putLongLe(target, offset + OFFSET_FIRST_LBA, firstLba);
        Bytes.putLongLe(target, offset + OFFSET_LAST_LBA, lastLba);
        Bytes.putLongLe(target, offset + OFFSET_ATTRIBUTES, attributes);
        for (int i = 0; i < name.length(); i++) {
            Bytes.putShortLe(target, offset + OFFSET_NAME + 2 * i, (short) name.charAt(i));
        }
    }

    public byte[] encode() {
        byte[] bytes = new byte[SIZE];
        encode(bytes, 0);
        return bytes;
    }

    /**
     * Reads the entry at {@code offset} of {@code source}. The name ends at the first NUL code unit;
     * code units are kept as they are, unpaired surrogates included, so encoding gives the same bytes
     * up to that NUL. An entry of the zero type is {@link #UNUSED} whatever its other bytes hold.
     */
    public static PartitionEntry decode(byte[] source, int offset) {
        Guid type = Guid.fromBytes(source, offset + OFFSET_TYPE);
        if (type.isZero()) {
            return UNUSED;
        }
        StringBuilder name = new StringBuilder(NAME_UNITS);
        for (int i = 0; i < NAME_UNITS; i++) {
            char unit = (char) Bytes.getShortLe(source, offset + OFFSET_NAME + 2 * i);
            if (unit == 0) {
                break;
            }
            name.append(unit);
        }
        return new PartitionEntry(type, Guid.fromBytes(source, offset + OFFSET_UNIQUE),
                Bytes.getLongLe(source, offset + OFFSET_FIRST_LBA), Bytes.getLongLe(source, offset + OFFSET_LAST_LBA),
                Bytes.getLongLe(source, offset + OFFSET_ATTRIBUTES), name.toString());
    }
}
