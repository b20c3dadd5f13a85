package dev.slipway.gpt;

/**
 * Where a GPT's structures lie, in 512-byte sectors: the primary header at LBA 1 and its entry
 * array, the usable sectors, the backup entry array and the backup header. {@link #standard} is
 * what Slipway, sgdisk and cgpt write: arrays of 128 entries (32 sectors) right after the primary
 * header and right before the backup header at the disk's last sector. A table read from disk
 * keeps the geometry it was found with, so that updating it in place writes every structure back
 * where it was (a disk grown after imaging still has its backup where the image put it).
 *
 * @param entryCount        entries in each array, used or not
 * @param primaryEntriesLba first sector of the primary array
 * @param firstUsableLba    first sector partitions may use
 * @param lastUsableLba     last sector partitions may use, inclusive
 * @param backupEntriesLba  first sector of the backup array
 * @param backupHeaderLba   the backup header's sector
 */
public record TableGeometry(int entryCount, long primaryEntriesLba, long firstUsableLba, long lastUsableLba,
                            long backupEntriesLba, long backupHeaderLba) {

    public static final long PRIMARY_HEADER_LBA = 1;
    public static final int DEFAULT_ENTRY_COUNT = 128;

    public TableGeometry {
        if (entryCount <= 0 || (long) entryCount * PartitionEntry.SIZE > GptHeader.MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException(entryCount + " entries is not between 1 and "
                    + GptHeader.MAX_ARRAY_BYTES / PartitionEntry.SIZE);
        }
        long arraySectors = arraySectors(entryCount);
        if (primaryEntriesLba <= PRIMARY_HEADER_LBA || primaryEntriesLba + arraySectors > firstUsableLba
                || firstUsableLba > lastUsableLba + 1 || lastUsableLba >= backupEntriesLba
                || backupEntriesLba + arraySectors > backupHeaderLba) {
            throw new IllegalArgumentException("GPT structures out of order: primary array at LBA " + primaryEntriesLba
                    + ", usable " + firstUsableLba + " to " + lastUsableLba + ", backup array at LBA "
                    + backupEntriesLba + ", backup header at LBA " + backupHeaderLba + " (arrays of "
                    + arraySectors + " sectors)");
        }
    }

    /**
     * The usual layout for a disk of {@code diskSectors} sectors with {@code entryCount} entries:
     * 128 entries give first usable LBA 34 and last usable LBA {@code diskSectors - 34}.
     */
    public static TableGeometry standard(long diskSectors, int entryCount) {
        long arraySectors = arraySectors(entryCount);
        long backupHeader = diskSectors - 1;
        long backupEntries = backupHeader - arraySectors;
        long firstUsable = PRIMARY_HEADER_LBA + 1 + arraySectors;
        if (backupEntries - 1 < firstUsable) {
            throw new IllegalArgumentException("a disk of " + diskSectors + " sectors has no room for two GPTs of "
                    + entryCount + " entries and a partition");
        }
        return new TableGeometry(entryCount, PRIMARY_HEADER_LBA + 1, firstUsable, backupEntries - 1, backupEntries,
                backupHeader);
    }

    /** {@link #standard} with 128 entries. */
    public static TableGeometry standard(long diskSectors) {
        return standard(diskSectors, DEFAULT_ENTRY_COUNT);
    }

    /** Sectors one entry array takes. */
    public long arraySectors() {
        return arraySectors(entryCount);
    }

    static long arraySectors(int entryCount) {
        return Math.ceilDiv((long) entryCount * PartitionEntry.SIZE, PartitionTable.SECTOR_SIZE);
    }

    /** Sectors the disk must have at least: up to and including the backup header. */
    public long minimumDiskSectors() {
        return backupHeaderLba + 1;
    }

    /** The primary header for these structures, CRC computed. */
    public GptHeader primaryHeader(Guid diskGuid, int entriesCrc) {
        return GptHeader.of(PRIMARY_HEADER_LBA, backupHeaderLba, firstUsableLba, lastUsableLba, diskGuid,
                primaryEntriesLba, entryCount, entriesCrc);
    }

    /** The backup header for these structures, CRC computed. */
    public GptHeader backupHeader(Guid diskGuid, int entriesCrc) {
        return GptHeader.of(backupHeaderLba, PRIMARY_HEADER_LBA, firstUsableLba, lastUsableLba, diskGuid,
                backupEntriesLba, entryCount, entriesCrc);
    }
}
