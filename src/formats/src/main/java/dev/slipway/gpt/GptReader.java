package dev.slipway.gpt;

import dev.slipway.gpt.ReadResult.Copy;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads and checks both copies of a GPT and picks one; {@link PartitionTable#read} is its face. */
final class GptReader {

    private static final int SECTOR = PartitionTable.SECTOR_SIZE;

    /** One copy as found: its header if that passed, its array if that matched too, else why not. */
    private record Found(Copy copy, long lba, GptHeader header, byte[] array, String problem) {
        boolean valid() {
            return problem == null;
        }
    }

    private GptReader() {
    }

    static ReadResult read(PositionalReader disk, long diskSize) throws IOException {
        if (diskSize % SECTOR != 0) {
            throw new GptException("disk size " + diskSize + " is not a multiple of " + SECTOR + " bytes");
        }
        long sectors = diskSize / SECTOR;
        if (sectors < 3) {
            throw new GptException("a disk of " + diskSize + " bytes is too small to hold a GPT");
        }
        List<String> problems = new ArrayList<>();
        ProtectiveMbr.problem(Bytes.read(disk, 0, SECTOR, "protective MBR")).ifPresent(problems::add);

        Found primary = readCopy(disk, Copy.PRIMARY, TableGeometry.PRIMARY_HEADER_LBA, sectors);
        long backupLba = primary.header() != null ? primary.header().backupLba() : sectors - 1;
        if (backupLba != sectors - 1) {
            problems.add("the primary header puts the backup GPT at LBA " + backupLba + ", not at the disk's last LBA "
                    + (sectors - 1) + ": the disk changed size after the table was written");
        }
        Found backup = readCopy(disk, Copy.BACKUP, backupLba, sectors);
        if (!primary.valid() && !backup.valid()) {
            throw new GptException("no valid GPT on this disk of " + diskSize + " bytes: " + primary.problem() + "; "
                    + backup.problem());
        }
        Found used = primary.valid() ? primary : backup;
        Found other = primary.valid() ? backup : primary;
        if (!other.valid()) {
            problems.add(other.problem());
        } else {
            compare(primary, backup, problems);
        }
        TableGeometry geometry = geometry(used, other);
        GptHeader header = used.header();
        SortedMap<Integer, PartitionEntry> partitions = new TreeMap<>();
        for (int i = 0; i < header.entryCount(); i++) {
            PartitionEntry entry = PartitionEntry.decode(used.array(), i * PartitionEntry.SIZE);
            if (!entry.isUnused()) {
                partitions.put(i + 1, entry);
            }
        }
        try {
            return new ReadResult(new PartitionTable(header.diskGuid(), geometry, partitions), used.copy(), problems);
        } catch (IllegalArgumentException e) {
            throw new GptException(name(used.copy(), used.lba()) + ": " + e.getMessage());
        }
    }

    private static Found readCopy(PositionalReader disk, Copy copy, long lba, long sectors) throws IOException {
        String what = name(copy, lba);
        GptHeader header;
        try {
            header = GptHeader.decode(Bytes.read(disk, lba * SECTOR, SECTOR, what), what);
            header.checkPlacement(lba, sectors, what);
        } catch (GptException | EOFException e) {
            return new Found(copy, lba, null, null, e.getMessage());
        }
        int length = Math.toIntExact(header.arrayBytes());
        String arrayName = copy.name().toLowerCase(Locale.ROOT) + " entry array (LBA " + header.entriesLba() + ")";
        byte[] array;
        try {
            array = Bytes.read(disk, header.entriesLba() * SECTOR, length, arrayName);
        } catch (EOFException e) {
            return new Found(copy, lba, header, null, e.getMessage());
        }
        int crc = Bytes.crc32(array, 0, length);
        if (crc != header.entriesCrc()) {
            return new Found(copy, lba, header, null, arrayName + ": CRC is " + GptHeader.hex(crc) + " but the "
                    + what + " expects " + GptHeader.hex(header.entriesCrc()));
        }
        return new Found(copy, lba, header, array, null);
    }

    /** Differences between two valid copies, which should describe the same table. */
    private static void compare(Found primary, Found backup, List<String> problems) {
        GptHeader p = primary.header();
        GptHeader b = backup.header();
        List<String> fields = new ArrayList<>();
        if (!p.diskGuid().equals(b.diskGuid())) {
            fields.add("disk GUID");
        }
        if (p.firstUsableLba() != b.firstUsableLba() || p.lastUsableLba() != b.lastUsableLba()) {
            fields.add("usable sectors");
        }
        if (p.entryCount() != b.entryCount()) {
            fields.add("entry count");
        }
        if (b.backupLba() != p.currentLba()) {
            fields.add("the backup header's pointer to the primary (LBA " + b.backupLba() + ")");
        }
        int entries = Math.min(p.entryCount(), b.entryCount());
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int from = i * PartitionEntry.SIZE;
            int to = from + PartitionEntry.SIZE;
            if (!Arrays.equals(primary.array(), from, to, backup.array(), from, to)) {
                differing.add(i + 1);
            }
        }
        if (!differing.isEmpty()) {
            fields.add("entries " + differing);
        }
        if (!fields.isEmpty()) {
            problems.add("the backup GPT differs from the primary in " + String.join(", ", fields)
                    + " (an interrupted update, or a tool that changed one copy); the primary is used");
        }
    }

    /**
     * The geometry of the copy used, with the other array where the other header says it is when
     * that header passed, else where gdisk and cgpt put it when they repair a table: the primary
     * array at LBA 2, the backup array right before the backup header.
     */
    private static TableGeometry geometry(Found used, Found other) throws GptException {
        GptHeader h = used.header();
        // A header that passed its own checks locates its array even when the array did not match.
        boolean otherUsable = other.header() != null && other.header().entryCount() == h.entryCount();
        long arraySectors = h.arraySectors();
        try {
            if (used.copy() == Copy.PRIMARY) {
                long backupEntries = otherUsable ? other.header().entriesLba() : h.backupLba() - arraySectors;
                return new TableGeometry(h.entryCount(), h.entriesLba(), h.firstUsableLba(), h.lastUsableLba(),
                        backupEntries, h.backupLba());
            }
            long primaryEntries = otherUsable ? other.header().entriesLba() : TableGeometry.PRIMARY_HEADER_LBA + 1;
            return new TableGeometry(h.entryCount(), primaryEntries, h.firstUsableLba(), h.lastUsableLba(),
                    h.entriesLba(), h.currentLba());
        } catch (IllegalArgumentException e) {
            throw new GptException(name(used.copy(), used.lba()) + ": " + e.getMessage());
        }
    }

    private static String name(Copy copy, long lba) {
        return (copy == Copy.PRIMARY ? "primary" : "backup") + " GPT header (LBA " + lba + ")";
    }
}
