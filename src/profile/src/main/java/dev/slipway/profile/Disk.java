package dev.slipway.profile;

import java.util.List;

/**
 * The {@code [disk]} table: which disk images a build writes and how large each partition of
 * Flatcar's layout is, in MiB. ROOT is the image's last partition, so a node grows it to fill a
 * larger disk at first boot.
 *
 * @param formats       any of "raw", "vhd" (fixed, Azure), "vhdx" (Hyper-V); empty for none
 * @param espMib        EFI-SYSTEM, the FAT boot partition
 * @param biosBootMib   BIOS-BOOT, kept for Flatcar's numbering (unused by UEFI boot)
 * @param usrMib        each of USR-A and USR-B: the /usr filesystem with its hash tree must fit
 * @param oemMib        OEM
 * @param oemConfigMib  OEM-CONFIG
 * @param rootMib       ROOT as shipped (grown at first boot); with {@code sizeMib}, its minimum
 * @param sizeMib       the whole disk in MiB, ROOT taking what the other partitions leave; {@code null}
 *                      for the smallest disk that holds them all
 */
public record Disk(List<String> formats, long espMib, long biosBootMib, long usrMib, long oemMib, long oemConfigMib,
                   long rootMib, Long sizeMib) {

    public Disk {
        formats = List.copyOf(formats);
    }

    /** Bytes in a MiB: every size here is a whole number of them. */
    public static final long MIB = 1L << 20;
}
