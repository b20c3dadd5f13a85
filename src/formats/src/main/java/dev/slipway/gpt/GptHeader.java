package dev.slipway.gpt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A GPT header (UEFI spec 2.x, section 5.3.2): one sector, little-endian, of which the first
 * {@link #headerSize} bytes (92) are covered by {@link #headerCrc}, computed with that field zeroed;
 * the rest of the sector is zero. The primary header is at LBA 1, the backup at the disk's last LBA;
 * each points at the other ({@link #backupLba}) and at its own copy of the entry array.
 *
 * @param revision       {@link #REVISION_1_0}
 * @param headerSize     bytes covered by the CRC, 92 for revision 1.0
 * @param headerCrc      CRC-32 of the first {@code headerSize} bytes with this field zero
 * @param currentLba     where this header is (the spec's MyLBA)
 * @param backupLba      where the other header is (AlternateLBA)
 * @param firstUsableLba first sector partitions may use
 * @param lastUsableLba  last sector partitions may use (inclusive)
 * @param diskGuid       the disk's GUID
 * @param entriesLba     first sector of this copy of the entry array
 * @param entryCount     entries in the array, used or not
 * @param entrySize      bytes per entry; only {@link PartitionEntry#SIZE} is supported
 * @param entriesCrc     CRC-32 of the {@code entryCount * entrySize} bytes of the array
 */
public record GptHeader(int revision, int headerSize, int headerCrc, long currentLba, long backupLba,
                        long firstUsableLba, long lastUsableLba, Guid diskGuid, long entriesLba, int entryCount,
                        int entrySize, int entriesCrc) {

    public static final int OFFSET_SIGNATURE = 0;
    public static final int OFFSET_REVISION = 8;
    public static final int OFFSET_HEADER_SIZE = 12;
    public static final int OFFSET_HEADER_CRC = 16;
    /** Four reserved bytes, zero. */
    public static final int OFFSET_RESERVED = 20;
    public static final int OFFSET_CURRENT_LBA = 24;
    public static final int OFFSET_BACKUP_LBA = 32;
    public static final int OFFSET_FIRST_USABLE_LBA = 40;
    public static final int OFFSET_LAST_USABLE_LBA = 48;
    public static final int OFFSET_DISK_GUID = 56;
    public static final int OFFSET_ENTRIES_LBA = 72;
    public static final int OFFSET_ENTRY_COUNT = 80;
    public static final int OFFSET_ENTRY_SIZE = 84;
    public static final int OFFSET_ENTRIES_CRC = 88;
    /** The header size of revision 1.0: the bytes above. */
    public static final int SIZE = 92;

    /** Revision 1.0, stored as 00 00 01 00. */
    public static final int REVISION_1_0 = 0x0001_0000;
    public static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    /** Largest entry array read: 32768 entries of 128 bytes (tools write 128 entries, 16 KiB). */
    public static final int MAX_ARRAY_BYTES = 4 << 20;

    public GptHeader {
        if (diskGuid == null) {
            throw new IllegalArgumentException("disk GUID must not be null");
        }
    }

    /**
     * A revision 1.0 header for 128-byte entries with its CRC computed.
     */
    public static GptHeader of(long currentLba, long backupLba, long firstUsableLba, long lastUsableLba, Guid diskGuid,
                               long entriesLba, int entryCount, int entriesCrc) {
        GptHeader header = new GptHeader(REVISION_1_0, SIZE, 0, currentLba, backupLba, firstUsableLba, lastUsableLba,
                diskGuid, entriesLba, entryCount, PartitionEntry.SIZE, entriesCrc);
        return header.withHeaderCrc(header.computeCrc());
    }

    public GptHeader withHeaderCrc(int crc) {
        return new GptHeader(revision, headerSize, crc, currentLba, backupLba, firstUsableLba, lastUsableLba, diskGuid,
                entriesLba, entryCount, entrySize, entriesCrc);
    }

    /** The CRC of the encoded header with its CRC field zero (for a header of 92 bytes). */
    public int computeCrc() {
        byte[] sector = withHeaderCrc(0).encode();
        return Bytes.crc32(sector, 0, Math.min(headerSize, PartitionTable.SECTOR_SIZE));
    }

    /** Bytes of the entry array: {@code entryCount * entrySize}. */
    public long arrayBytes() {
        return (long) entryCount * entrySize;
    }

    /** Sectors the entry array takes, the last one padded with zeros. */
    public long arraySectors() {
        return Math.ceilDiv(arrayBytes(), PartitionTable.SECTOR_SIZE);
    }

    /** The whole sector as written: the fields as they are (the CRC is not recomputed), then zeros. */
    public byte[] encode() {
        byte[] b = new byte[PartitionTable.SECTOR_SIZE];
        System.arraycopy(SIGNATURE, 0, b, OFFSET_SIGNATURE, SIGNATURE.length);
        Bytes.putIntLe(b, OFFSET_REVISION, revision);
        Bytes.putIntLe(b, OFFSET_HEADER_SIZE, headerSize);
        Bytes.putIntLe(b, OFFSET_HEADER_CRC, headerCrc);
        Bytes.putLongLe(b, OFFSET_CURRENT_LBA, currentLba);
        Bytes.putLongLe(b, OFFSET_BACKUP_LBA, backupLba);
        Bytes.putLongLe(b, OFFSET_FIRST_USABLE_LBA, firstUsableLba);
        Bytes.putLongLe(b, OFFSET_LAST_USABLE_LBA, lastUsableLba);
        diskGuid.writeTo(b, OFFSET_DISK_GUID);
        Bytes.putLongLe(b, OFFSET_ENTRIES_LBA, entriesLba);
        Bytes.putIntLe(b, OFFSET_ENTRY_COUNT, entryCount);
        Bytes.putIntLe(b, OFFSET_ENTRY_SIZE, entrySize);
        Bytes.putIntLe(b, OFFSET_ENTRIES_CRC, entriesCrc);
        return b;
    }

    /**
     * Parses the header in {@code sector} and checks what needs no other sector: the signature, the
     * revision, the header size, the header CRC (over the sector's own bytes, so reserved bytes a
     * larger header carries count) and the entry size and count.
     *
     * @param what names the header in messages, e.g. "primary GPT header (LBA 1)"
     */
    public static GptHeader decode(byte[] sector, String what) throws GptException {
        if (sector.length < PartitionTable.SECTOR_SIZE) {
            throw new IllegalArgumentException("a GPT header is read from a whole sector, not " + sector.length + " bytes");
        }
        if (!Arrays.equals(sector, OFFSET_SIGNATURE, OFFSET_SIGNATURE + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new GptException(what + ": no \"EFI PART\" signature (found "
                    + HexFormat.ofDelimiter(" ").formatHex(sector, 0, SIGNATURE.length) + ")");
        }
        int revision = Bytes.getIntLe(sector, OFFSET_REVISION);
        if (revision != REVISION_1_0) {
            throw new GptException(what + ": revision 0x" + Integer.toHexString(revision) + ", only 1.0 (0x10000) is known");
        }
        int headerSize = Bytes.getIntLe(sector, OFFSET_HEADER_SIZE);
        if (headerSize < SIZE || headerSize > PartitionTable.SECTOR_SIZE) {
            throw new GptException(what + ": header size " + Integer.toUnsignedString(headerSize) + " is not between "
                    + SIZE + " and " + PartitionTable.SECTOR_SIZE);
        }
        int stored = Bytes.getIntLe(sector, OFFSET_HEADER_CRC);
        byte[] zeroed = Arrays.copyOf(sector, headerSize);
        Bytes.putIntLe(zeroed, OFFSET_HEADER_CRC, 0);
        int computed = Bytes.crc32(zeroed, 0, headerSize);
        if (stored != computed) {
            throw new GptException(what + ": header CRC is " + hex(stored) + " but the header's bytes give " + hex(computed));
        }
        GptHeader header = new GptHeader(revision, headerSize, stored, Bytes.getLongLe(sector, OFFSET_CURRENT_LBA),
                Bytes.getLongLe(sector, OFFSET_BACKUP_LBA), Bytes.getLongLe(sector, OFFSET_FIRST_USABLE_LBA),
                Bytes.getLongLe(sector, OFFSET_LAST_USABLE_LBA), Guid.fromBytes(sector, OFFSET_DISK_GUID),
                Bytes.getLongLe(sector, OFFSET_ENTRIES_LBA), Bytes.getIntLe(sector, OFFSET_ENTRY_COUNT),
                Bytes.getIntLe(sector, OFFSET_ENTRY_SIZE), Bytes.getIntLe(sector, OFFSET_ENTRIES_CRC));
        if (header.entrySize != PartitionEntry.SIZE) {
            throw new GptException(what + ": entry size " + Integer.toUnsignedString(header.entrySize)
                    + " is not supported, only " + PartitionEntry.SIZE);
        }
        if (header.entryCount <= 0 || header.arrayBytes() > MAX_ARRAY_BYTES) {
            throw new GptException(what + ": " + Integer.toUnsignedString(header.entryCount)
                    + " entries is not between 1 and " + MAX_ARRAY_BYTES / PartitionEntry.SIZE);
        }
        return header;
    }

    /**
     * Checks that this header, read at {@code lba} of a disk of {@code diskSectors} sectors, describes
     * a layout that fits: it says it is where it was found, its usable area and its entry array lie
     * within the disk, apart from each other and from both headers.
     */
    public void checkPlacement(long lba, long diskSectors, String what) throws GptException {
        if (currentLba != lba) {
            throw new GptException(what + ": says it is at LBA " + currentLba + ", but was read at LBA " + lba);
        }
        if (backupLba < 1 || backupLba >= diskSectors || backupLba == lba) {
            throw new GptException(what + ": the other header's LBA " + backupLba + " is not on this disk of "
                    + diskSectors + " sectors");
        }
        long primary = Math.min(lba, backupLba);
        long backup = Math.max(lba, backupLba);
        if (firstUsableLba <= primary || lastUsableLba >= backup || firstUsableLba > lastUsableLba + 1) {
            throw new GptException(what + ": usable sectors " + firstUsableLba + " to " + lastUsableLba
                    + " do not lie between the headers at LBA " + primary + " and " + backup);
        }
        long arrayEnd = entriesLba + arraySectors() - 1;
        boolean beforeUsable = entriesLba > primary && arrayEnd < firstUsableLba;
        boolean afterUsable = entriesLba > lastUsableLba && arrayEnd < backup;
        if (entriesLba <= 0 || entriesLba >= diskSectors || !(beforeUsable || afterUsable)) {
            throw new GptException(what + ": entry array at LBA " + entriesLba + " to " + arrayEnd
                    + " overlaps a header or the usable sectors " + firstUsableLba + " to " + lastUsableLba);
        }
    }

    static String hex(int crc) {
        return String.format("0x%08x", crc);
    }
}
