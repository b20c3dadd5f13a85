package dev.slipway.gpt;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A GUID Partition Table: the disk GUID, where the structures lie, and the used entries by
 * partition number (entry index + 1; numbers may have gaps, as Flatcar's 1, 2, 3, 4, 6, 7, 9 do).
 * Immutable; changes give new tables, and nothing reaches a disk until {@link #write} or
 * {@link #updateInPlace}.
 *
 * <p>Invariants: numbers lie in 1 to {@code entryCount}; each partition lies within the usable
 * sectors, with {@code firstLba <= lastLba}; no two partitions overlap. Sectors are 512 bytes.
 *
 * <p><b>Write order.</b> Both writes put the backup entry array, then the backup header, then the
 * primary array, then the primary header ({@link #write} adds the protective MBR last). Within a
 * copy the array goes first, because the header's CRC covers the array: a header never points at
 * an array it does not match. Backup before primary, because the primary is the copy readers
 * trust: until the primary header is written a reader still sees the old table whole, and once it
 * is written the new one. {@link #updateInPlace} forces the backup to the device before it starts
 * on the primary, so a crash at any point leaves at least one valid copy (tested by cutting the
 * writes off after every 64 bytes, torn sectors included). This is the order of gdisk's
 * {@code GPTData::SaveGPTData} (backup array, backup header, primary array, primary header, MBR)
 * and of the CoreOS GRUB patch Flatcar's GRUB carries ("gpt: write backup GPT first", so a failed
 * update repeats the same way on the next boot). EFI 1.02 asked for the primary first; Flatcar's
 * cgpt ({@code DriveClose}) writes the primary header, the backup header, then both arrays, and
 * forces once at the end.
 */
public record PartitionTable(Guid diskGuid, TableGeometry geometry, SortedMap<Integer, PartitionEntry> partitions) {

    public static final int SECTOR_SIZE = 512;

    public PartitionTable {
        if (diskGuid == null || geometry == null || partitions == null) {
            throw new IllegalArgumentException("disk GUID, geometry and partitions must not be null");
        }
        partitions = Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
        check(geometry, partitions);
    }

    /**
     * A new table with the {@link TableGeometry#standard standard} geometry for a disk of
     * {@code diskSize} bytes (a multiple of 512).
     */
    public static PartitionTable create(long diskSize, Guid diskGuid, Map<Integer, PartitionEntry> partitions) {
        return new PartitionTable(diskGuid, TableGeometry.standard(diskSectors(diskSize)), new TreeMap<>(partitions));
    }

    static long diskSectors(long diskSize) {
        if (diskSize <= 0 || diskSize % SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("disk size " + diskSize + " is not a positive multiple of " + SECTOR_SIZE);
        }
        return diskSize / SECTOR_SIZE;
    }

    /** The partition numbered {@code number}, if that entry is used. */
    public Optional<PartitionEntry> partition(int number) {
        return Optional.ofNullable(partitions.get(number));
    }

    /** Bytes up to and including the backup header: the disk size the table was made for. */
    public long diskSize() {
        return geometry.minimumDiskSectors() * SECTOR_SIZE;
    }

    /** This table with partition {@code number}'s attributes replaced by {@code attributes}. */
    public PartitionTable withAttributes(int number, long attributes) {
        PartitionEntry entry = partitions.get(number);
        if (entry == null) {
            throw new IllegalArgumentException("no partition " + number + " in this table (it has " + partitions.keySet() + ")");
        }
        SortedMap<Integer, PartitionEntry> changed = new TreeMap<>(partitions);
        changed.put(number, entry.withAttributes(attributes));
        return new PartitionTable(diskGuid, geometry, changed);
    }

    /** This table with {@code slot} applied to partition {@code number}'s attributes, other bits kept. */
    public PartitionTable withSlot(int number, SlotAttributes slot) {
        PartitionEntry entry = partition(number).orElseThrow(() -> new IllegalArgumentException(
                "no partition " + number + " in this table (it has " + partitions.keySet() + ")"));
        return withAttributes(number, slot.applyTo(entry.attributes()));
    }

    /** The entry array as written: every entry, unused ones zero, padded to whole sectors. */
    public byte[] encodeEntries() {
        byte[] array = new byte[Math.toIntExact(geometry.arraySectors() * SECTOR_SIZE)];
        partitions.forEach((number, entry) -> entry.encode(array, (number - 1) * PartitionEntry.SIZE));
        return array;
    }

    /** CRC-32 of the {@code entryCount * 128} bytes of the array (not of the padding). */
    public int entriesCrc() {
        return Bytes.crc32(encodeEntries(), 0, geometry.entryCount() * PartitionEntry.SIZE);
    }

    public GptHeader primaryHeader() {
        return geometry.primaryHeader(diskGuid, entriesCrc());
    }

    public GptHeader backupHeader() {
        return geometry.backupHeader(diskGuid, entriesCrc());
    }

    /**
     * Writes the whole table to a disk image or device: backup array and header, primary array and
     * header, then bytes 440-511 of LBA 0 (the protective MBR's partition records and signature).
     * Nothing else is written, so partition contents, the gaps between partitions and a BIOS
     * bootloader's code in LBA 0 stay as they are (a sparse file stays sparse). A shorter file grows
     * to {@link #diskSize()}; a longer one (say, with a VHD footer after the disk) is not truncated.
     * Not forced to the device: the caller does that once the image is complete.
     */
    public void write(FileChannel channel) throws IOException {
        DiskWriter disk = DiskWriter.of(channel);
        writeCopies(disk, false);
        byte[] mbr = new ProtectiveMbr(geometry.minimumDiskSectors()).encode();
        Bytes.write(disk, ProtectiveMbr.OFFSET_DISK_SIGNATURE, mbr, ProtectiveMbr.OFFSET_DISK_SIGNATURE,
                SECTOR_SIZE - ProtectiveMbr.OFFSET_DISK_SIGNATURE);
    }

    /**
     * Writes both entry arrays and both headers, and nothing else (not the protective MBR), where
     * the table's geometry says they are: how the update agent changes slot attributes on a live
     * disk. The backup copy is forced to the device before the primary is touched, and the primary
     * after (see the class comment for why). A copy that was damaged when the table was read is
     * repaired by this write.
     *
     * @param disk     the disk's writer; its {@link DiskWriter#force} separates the two copies
     * @param diskSize the disk's size in bytes
     * @throws GptException if the disk is shorter than the geometry
     */
    public void updateInPlace(DiskWriter disk, long diskSize) throws IOException {
        if (diskSize < diskSize()) {
            throw new GptException("the disk has " + diskSize + " bytes; this table's backup header is at byte "
                    + (diskSize() - SECTOR_SIZE));
        }
        writeCopies(disk, true);
    }

    /** {@link #updateInPlace(DiskWriter, long)} onto a disk image file or device. */
    public void updateInPlace(FileChannel channel, long diskSize) throws IOException {
        updateInPlace(DiskWriter.of(channel), diskSize);
    }

    /** {@link #updateInPlace(FileChannel, long)} with the channel's size as the disk size. */
    public void updateInPlace(FileChannel channel) throws IOException {
        updateInPlace(channel, channel.size());
    }

    private void writeCopies(DiskWriter disk, boolean force) throws IOException {
        byte[] array = encodeEntries();
        int crc = Bytes.crc32(array, 0, geometry.entryCount() * PartitionEntry.SIZE);
        Bytes.write(disk, geometry.backupEntriesLba() * SECTOR_SIZE, array, 0, array.length);
        Bytes.write(disk, geometry.backupHeaderLba() * SECTOR_SIZE,
                geometry.backupHeader(diskGuid, crc).encode(), 0, SECTOR_SIZE);
        if (force) {
            disk.force();
        }
        Bytes.write(disk, geometry.primaryEntriesLba() * SECTOR_SIZE, array, 0, array.length);
        Bytes.write(disk, TableGeometry.PRIMARY_HEADER_LBA * SECTOR_SIZE,
                geometry.primaryHeader(diskGuid, crc).encode(), 0, SECTOR_SIZE);
        if (force) {
            disk.force();
        }
    }

    /**
     * Reads the table of a disk image or device whose size is the channel's size (a block device's
     * channel reports the device's size): the primary copy, or the backup when the primary is
     * damaged. See {@link #read(FileChannel, long)}.
     */
    public static ReadResult read(FileChannel channel) throws IOException {
        return read(channel, channel.size());
    }

    /**
     * Reads the table of a disk of {@code diskSize} bytes (for an image with more after the disk,
     * such as a VHD footer). Each copy must have the "EFI PART" signature, revision 1.0, a good
     * header CRC, 128-byte entries, an entry array matching its CRC and a layout that fits the disk;
     * the primary copy is used when it passes, otherwise the backup (found where the primary header
     * says, or at the last LBA when the primary header is unusable). The result says which copy it
     * used and lists what was wrong with the other, with the protective MBR, or between the copies.
     *
     * @throws GptException when neither copy passes (naming what is wrong with each), or the entries
     *                      overlap or leave the usable sectors
     */
    public static ReadResult read(FileChannel channel, long diskSize) throws IOException {
        return GptReader.read(PositionalReader.of(channel), diskSize);
    }

    /** As {@link #read(FileChannel, long)}, from any virtual disk (a VHDX through its block table). */
    public static ReadResult read(PositionalReader disk, long diskSize) throws IOException {
        return GptReader.read(disk, diskSize);
    }

    private static void check(TableGeometry geometry, SortedMap<Integer, PartitionEntry> partitions) {
        List<Map.Entry<Integer, PartitionEntry>> byStart = new ArrayList<>();
        for (Map.Entry<Integer, PartitionEntry> e : partitions.entrySet()) {
            int number = e.getKey();
            PartitionEntry entry = e.getValue();
            if (number < 1 || number > geometry.entryCount()) {
                throw new IllegalArgumentException("partition number " + number + " is not between 1 and "
                        + geometry.entryCount());
            }
            if (entry == null || entry.isUnused()) {
                throw new IllegalArgumentException("partition " + number + " has no type: an unused entry is left out");
            }
            if (entry.firstLba() > entry.lastLba() || entry.firstLba() < geometry.firstUsableLba()
                    || entry.lastLba() > geometry.lastUsableLba()) {
                throw new IllegalArgumentException("partition " + number + " (" + entry.name() + ", sectors "
                        + entry.firstLba() + " to " + entry.lastLba() + ") is not within the usable sectors "
                        + geometry.firstUsableLba() + " to " + geometry.lastUsableLba());
            }
            byStart.add(e);
        }
        byStart.sort(Comparator.comparingLong(e -> e.getValue().firstLba()));
        for (int i = 1; i < byStart.size(); i++) {
            PartitionEntry before = byStart.get(i - 1).getValue();
            PartitionEntry after = byStart.get(i).getValue();
            if (after.firstLba() <= before.lastLba()) {
                throw new IllegalArgumentException("partition " + byStart.get(i).getKey() + " (" + after.name()
                        + ", from sector " + after.firstLba() + ") overlaps partition " + byStart.get(i - 1).getKey()
                        + " (" + before.name() + ", to sector " + before.lastLba() + ")");
            }
        }
    }
}
