package dev.slipway.gpt;

import java.util.Optional;

/**
 * The protective MBR in LBA 0 (UEFI spec 2.x, section 5.2.3): one partition record of type 0xEE
 * from LBA 1 over the rest of the disk, its size capped at 0xFFFFFFFF sectors, so that MBR-only
 * tools see the disk as full. Starting CHS 0x000200; ending CHS 0xFFFFFF, as libfdisk (sfdisk,
 * systemd-repart) writes it, rather than a geometry the disk does not have. Disk signature zero.
 *
 * <p>Only bytes {@value #OFFSET_DISK_SIGNATURE} to 511 are written: the 440 bytes of boot code
 * before them belong to a BIOS bootloader (GRUB's boot.img) and are left as they are.
 *
 * @param diskSectors sectors of 512 bytes on the disk
 */
public record ProtectiveMbr(long diskSectors) {

    /** Boot code, left alone. */
    public static final int OFFSET_BOOT_CODE = 0;
    public static final int OFFSET_DISK_SIGNATURE = 440;
    /** Two reserved bytes after the disk signature, zero. */
    public static final int OFFSET_RESERVED = 444;
    public static final int OFFSET_PARTITION_RECORDS = 446;
    public static final int PARTITION_RECORD_SIZE = 16;
    public static final int OFFSET_BOOT_SIGNATURE = 510;

    /** Offsets within a partition record. */
    public static final int RECORD_BOOT_INDICATOR = 0;
    public static final int RECORD_STARTING_CHS = 1;
    public static final int RECORD_OS_TYPE = 4;
    public static final int RECORD_ENDING_CHS = 5;
    public static final int RECORD_STARTING_LBA = 8;
    public static final int RECORD_SIZE_IN_LBA = 12;

    public static final int OS_TYPE_GPT_PROTECTIVE = 0xEE;
    public static final long MAX_SIZE_IN_LBA = 0xFFFF_FFFFL;
    public static final int STARTING_CHS = 0x000200;
    public static final int ENDING_CHS = 0xFFFFFF;

    public ProtectiveMbr {
        if (diskSectors < 2) {
            throw new IllegalArgumentException("a disk of " + diskSectors + " sectors has no room for a GPT");
        }
    }

    /** Size of the 0xEE partition: the disk less LBA 0, at most 0xFFFFFFFF. */
    public long sizeInLba() {
        return Math.min(diskSectors - 1, MAX_SIZE_IN_LBA);
    }

    /** The whole sector, boot code zero. */
    public byte[] encode() {
        byte[] b = new byte[PartitionTable.SECTOR_SIZE];
        int record = OFFSET_PARTITION_RECORDS;
        b[record + RECORD_BOOT_INDICATOR] = 0;
        putChs(b, record + RECORD_STARTING_CHS, STARTING_CHS);
        b[record + RECORD_OS_TYPE] = (byte) OS_TYPE_GPT_PROTECTIVE;
        putChs(b, record + RECORD_ENDING_CHS, ENDING_CHS);
        Bytes.putIntLe(b, record + RECORD_STARTING_LBA, 1);
        Bytes.putIntLe(b, record + RECORD_SIZE_IN_LBA, (int) sizeInLba());
        b[OFFSET_BOOT_SIGNATURE] = 0x55;
        b[OFFSET_BOOT_SIGNATURE + 1] = (byte) 0xAA;
        return b;
    }

    // CHS is stored head, then sector (with cylinder bits 8-9 in its top bits), then cylinder bits 0-7:
    // as a little-endian 24-bit number this is the form the spec gives (0x000200 = head 0, sector 2).
    private static void putChs(byte[] b, int offset, int chs) {
        b[offset] = (byte) chs;
        b[offset + 1] = (byte) (chs >>> 8);
        b[offset + 2] = (byte) (chs >>> 16);
    }

    /**
     * What keeps {@code sector} from being a protective (or hybrid) MBR, if anything: no 0x55AA boot
     * signature, or no partition record of type 0xEE.
     */
    public static Optional<String> problem(byte[] sector) {
        if ((sector[OFFSET_BOOT_SIGNATURE] & 0xFF) != 0x55 || (sector[OFFSET_BOOT_SIGNATURE + 1] & 0xFF) != 0xAA) {
            return Optional.of("LBA 0 has no MBR boot signature 55 AA: the protective MBR is missing");
        }
        for (int i = 0; i < 4; i++) {
            if ((sector[OFFSET_PARTITION_RECORDS + i * PARTITION_RECORD_SIZE + RECORD_OS_TYPE] & 0xFF)
                    == OS_TYPE_GPT_PROTECTIVE) {
                return Optional.empty();
            }
        }
        return Optional.of("the MBR in LBA 0 has no partition of type 0xEE: it does not protect the GPT");
    }
}
