package dev.slipway.gpt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Places partitions on a disk in the order requested, each starting on an alignment boundary
 * (1 MiB by default, so the first partition starts at LBA 2048, as sfdisk, sgdisk and
 * systemd-repart do). Partition numbers are independent of the order. At most one request may
 * {@link PartitionRequest#fill fill} the rest: the partitions after it are placed as far towards
 * the end of the disk as their alignment allows, and the filling partition ends just before them,
 * or, when it is the last, on the last alignment boundary before the backup GPT (as
 * systemd-repart does; sgdisk -v cautions about a partition that does not end on a boundary).
 * Other partitions are exactly the size asked for.
 */
public final class LayoutPlanner {

    public static final long MIB = 1L << 20;
    /** Sectors after the last usable one: the backup array (32 sectors) and header. */
    static final long BACKUP_GPT_SECTORS = 33;

    private final long alignmentBytes;
    private final long alignment;

    /** A planner aligning partition starts to {@code alignmentBytes}, a positive multiple of 512. */
    public LayoutPlanner(long alignmentBytes) {
        if (alignmentBytes <= 0 || alignmentBytes % PartitionTable.SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("alignment " + alignmentBytes + " is not a positive multiple of "
                    + PartitionTable.SECTOR_SIZE + " bytes");
        }
        this.alignmentBytes = alignmentBytes;
        this.alignment = alignmentBytes / PartitionTable.SECTOR_SIZE;
    }

    /** Alignment to 1 MiB. */
    public static LayoutPlanner mibAligned() {
        return new LayoutPlanner(MIB);
    }

    public long alignmentBytes() {
        return alignmentBytes;
    }

    /**
     * The table for {@code requests} on a disk of {@code diskSize} bytes with 128-entry GPTs.
     *
     * @throws IllegalArgumentException when the disk size is not a multiple of 512, numbers repeat,
     *                                  more than one request fills, or the partitions do not fit
     *                                  (naming the first that does not, and the smallest disk that fits)
     */
    public PartitionTable plan(List<PartitionRequest> requests, long diskSize, Guid diskGuid) {
        long sectors = PartitionTable.diskSectors(diskSize);
        checkRequests(requests);
        Attempt attempt = attempt(requests, sectors, diskGuid);
        if (attempt.table() == null) {
            throw new IllegalArgumentException(attempt.failure() + " of a disk of " + diskSize + " bytes; these partitions"
                    + " need a disk of at least " + minimumDiskSize(requests) + " bytes with " + alignmentBytes
                    + "-byte alignment");
        }
        return attempt.table();
    }

    /**
     * The smallest disk, a whole number of MiB, that holds {@code requests} and both GPTs; a request
     * that fills counts as one alignment unit, the least it can get.
     */
    public long minimumDiskSize(List<PartitionRequest> requests) {
        checkRequests(requests);
        long firstUsable = TableGeometry.PRIMARY_HEADER_LBA + 1
                + TableGeometry.arraySectors(TableGeometry.DEFAULT_ENTRY_COUNT);
        long end = alignUp(firstUsable) + span(requests);
        long size = Math.ceilDiv((end + BACKUP_GPT_SECTORS) * PartitionTable.SECTOR_SIZE, MIB) * MIB;
        // A fill's space shrinks when the partitions after it are aligned down from the disk's end.
        while (attempt(requests, size / PartitionTable.SECTOR_SIZE, Guid.ZERO).table() == null) {
            size += MIB;
        }
        return size;
    }

    /** A table, or why the requests do not fit. */
    private record Attempt(PartitionTable table, String failure) {
    }

    private Attempt attempt(List<PartitionRequest> requests, long sectors, Guid diskGuid) {
        if (sectors - 1 - BACKUP_GPT_SECTORS < TableGeometry.PRIMARY_HEADER_LBA + 1
                + TableGeometry.arraySectors(TableGeometry.DEFAULT_ENTRY_COUNT)) {
            return new Attempt(null, "two GPTs do not fit in the " + sectors + " sectors");
        }
        TableGeometry geometry = TableGeometry.standard(sectors);
        long lastUsable = geometry.lastUsableLba();
        int fill = indexOfFill(requests);
        List<PartitionRequest> head = fill < 0 ? requests : requests.subList(0, fill);
        List<PartitionRequest> tail = fill < 0 ? List.of() : requests.subList(fill + 1, requests.size());

        long[] headEnd = new long[1];
        List<long[]> placed = new ArrayList<>(place(head, geometry.firstUsableLba(), headEnd));
        if (fill >= 0) {
            long fillFirst = alignUp(headEnd[0]);
            long tailStart = alignDown(lastUsable + 1 - span(tail));
            if (headEnd[0] - 1 <= lastUsable && tailStart - fillFirst < 1) {
                return new Attempt(null, requests.get(fill).describe() + " gets no space: the partitions before it"
                        + " end at sector " + (headEnd[0] - 1) + " and those after it need " + span(tail)
                        + " sectors before the last usable sector " + lastUsable);
            }
            placed.add(new long[] {fillFirst, tailStart - 1});
            placed.addAll(place(tail, tailStart, new long[1]));
        }
        SortedMap<Integer, PartitionEntry> entries = new TreeMap<>();
        for (int i = 0; i < requests.size(); i++) {
            PartitionRequest r = requests.get(i);
            long first = placed.get(i)[0];
            long last = placed.get(i)[1];
            if (last > lastUsable) {
                return new Attempt(null, r.describe() + " would end at sector " + last
                        + ", past the last usable sector " + lastUsable);
            }
            entries.put(r.number(), new PartitionEntry(r.type(), r.unique(), first, last, r.attributes(), r.name()));
        }
        return new Attempt(new PartitionTable(diskGuid, geometry, entries), null);
    }

    /** Places {@code requests} one after another from the first boundary at or after {@code from}. */
    private List<long[]> place(List<PartitionRequest> requests, long from, long[] end) {
        List<long[]> placed = new ArrayList<>();
        long position = from;
        for (PartitionRequest r : requests) {
            long first = alignUp(position);
            long last = first + sectors(r) - 1;
            placed.add(new long[] {first, last});
            position = last + 1;
        }
        end[0] = position;
        return placed;
    }

    /** Sectors from an aligned start to the end of the last of {@code requests}. */
    private long span(List<PartitionRequest> requests) {
        long[] end = new long[1];
        place(requests, 0, end);
        return end[0];
    }

    private long sectors(PartitionRequest r) {
        return r.fills() ? alignment : r.sizeBytes() / PartitionTable.SECTOR_SIZE;
    }

    private long alignUp(long sector) {
        return Math.ceilDiv(sector, alignment) * alignment;
    }

    private long alignDown(long sector) {
        return Math.floorDiv(sector, alignment) * alignment;
    }

    private static int indexOfFill(List<PartitionRequest> requests) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).fills()) {
                return i;
            }
        }
        return -1;
    }

    private static void checkRequests(List<PartitionRequest> requests) {
        Set<Integer> numbers = new HashSet<>();
        int fills = 0;
        for (PartitionRequest r : requests) {
            if (!numbers.add(r.number())) {
                throw new IllegalArgumentException("partition number " + r.number() + " is requested twice");
            }
            fills += r.fills() ? 1 : 0;
        }
        if (fills > 1) {
            throw new IllegalArgumentException(fills + " partitions ask to fill the rest of the disk; at most one can");
        }
    }
}
