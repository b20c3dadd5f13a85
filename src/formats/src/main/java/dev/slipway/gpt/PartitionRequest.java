package dev.slipway.gpt;

/**
 * One partition a layout asks for; {@link LayoutPlanner} decides where it goes.
 *
 * @param number     partition number (entry index + 1), 1 to 128
 * @param name       partition name (GPT label), at most 36 UTF-16 code units
 * @param type       partition type GUID, not {@link Guid#ZERO}
 * @param unique     unique partition GUID (PARTUUID)
 * @param sizeBytes  size in bytes, a positive multiple of 512, or {@link #FILL} for "the rest of the disk"
 * @param attributes the entry's attribute bits
 */
public record PartitionRequest(int number, String name, Guid type, Guid unique, long sizeBytes, long attributes) {

    /** {@link #sizeBytes} of a partition that takes whatever the others leave. */
    public static final long FILL = -1;

    public PartitionRequest {
        if (name == null || type == null || unique == null) {
            throw new IllegalArgumentException("partition " + number + ": name, type and unique GUID must not be null");
        }
        if (number < 1 || number > TableGeometry.DEFAULT_ENTRY_COUNT) {
            throw new IllegalArgumentException("partition " + number + " (" + name + "): number is not between 1 and "
                    + TableGeometry.DEFAULT_ENTRY_COUNT);
        }
        if (type.isZero()) {
            throw new IllegalArgumentException("partition " + number + " (" + name + "): the zero type GUID marks unused entries");
        }
        if (sizeBytes != FILL && (sizeBytes <= 0 || sizeBytes % PartitionTable.SECTOR_SIZE != 0)) {
            throw new IllegalArgumentException("partition " + number + " (" + name + "): size " + sizeBytes
                    + " bytes is not a positive multiple of " + PartitionTable.SECTOR_SIZE);
        }
        if (name.length() > PartitionEntry.NAME_UNITS || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("partition " + number + ": name '" + name.replace('\0', '?') + "' is "
                    + name.length() + " UTF-16 code units or holds NUL; GPT holds " + PartitionEntry.NAME_UNITS);
        }
    }

    /** A partition of {@code sizeBytes}. */
    public static PartitionRequest sized(int number, String name, Guid type, Guid unique, long sizeBytes, long attributes) {
        return new PartitionRequest(number, name, type, unique, sizeBytes, attributes);
    }

    /** A partition that takes the space the others leave. */
    public static PartitionRequest fill(int number, String name, Guid type, Guid unique, long attributes) {
        return new PartitionRequest(number, name, type, unique, FILL, attributes);
    }

    public boolean fills() {
        return sizeBytes == FILL;
    }

    String describe() {
        return "partition " + number + " (" + name + ", " + (fills() ? "fill the rest" : sizeBytes + " bytes") + ")";
    }
}
