package dev.slipway.vhdx;

import dev.slipway.disk.DiskImageException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The system metadata items of a VHDX, which its metadata region holds after the
 * {@link MetadataTable}: File Parameters, Virtual Disk Size, Virtual Disk ID, Logical and Physical
 * Sector Size (a Parent Locator only in differencing files, which are not supported).
 *
 * @param blockSize            payload block size: a power of two from 1 to 256 MiB
 * @param leaveBlocksAllocated whether blocks must stay allocated (a fixed VHDX)
 * @param hasParent            whether the file is a differencing disk
 * @param virtualDiskSize      bytes, a multiple of the logical sector size, at most 64 TiB
 * @param virtualDiskId        the disk's identity
 * @param logicalSectorSize    512 or 4096
 * @param physicalSectorSize   512 or 4096
 */
public record VhdxMetadata(int blockSize, boolean leaveBlocksAllocated, boolean hasParent, long virtualDiskSize,
                           UUID virtualDiskId, int logicalSectorSize, int physicalSectorSize) {

    public static final UUID FILE_PARAMETERS = UUID.fromString("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    public static final UUID VIRTUAL_DISK_SIZE = UUID.fromString("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    public static final UUID VIRTUAL_DISK_ID = UUID.fromString("BECA12AB-B2E6-4523-93EF-C309E000C746");
    public static final UUID LOGICAL_SECTOR_SIZE = UUID.fromString("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");
    public static final UUID PHYSICAL_SECTOR_SIZE = UUID.fromString("CDA348C7-445D-4471-9CC9-E9885251C556");
    public static final UUID PARENT_LOCATOR = UUID.fromString("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C");

    /** Items follow the table; each sits right after the previous one, as qemu lays them out. */
    public static final int ITEMS_OFFSET = MetadataTable.SIZE;
    public static final int FILE_PARAMETERS_OFFSET_BLOCK_SIZE = 0;
    public static final int FILE_PARAMETERS_OFFSET_FLAGS = 4;
    public static final int FLAG_LEAVE_BLOCKS_ALLOCATED = 1;
    public static final int FLAG_HAS_PARENT = 1 << 1;
    /** Table plus items: what {@link #encode()} returns. */
    public static final int ENCODED_SIZE = ITEMS_OFFSET + 8 + 8 + 16 + 4 + 4;

    private static final int VIRTUAL_DISK = MetadataTable.FLAG_IS_VIRTUAL_DISK;
    private static final int REQUIRED = MetadataTable.FLAG_IS_REQUIRED;

    public VhdxMetadata {
        String problem = problem(blockSize, virtualDiskSize, logicalSectorSize, physicalSectorSize);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (virtualDiskId == null) {
            throw new IllegalArgumentException("virtual disk id must not be null");
        }
    }

    /** The metadata region's first {@link #ENCODED_SIZE} bytes: the table, then the five items. */
    public byte[] encode() {
        int at = ITEMS_OFFSET;
        MetadataTable table = new MetadataTable(List.of(
                new MetadataTable.Entry(FILE_PARAMETERS, at, 8, REQUIRED),
                new MetadataTable.Entry(VIRTUAL_DISK_SIZE, at + 8, 8, VIRTUAL_DISK | REQUIRED),
                new MetadataTable.Entry(VIRTUAL_DISK_ID, at + 16, 16, VIRTUAL_DISK | REQUIRED),
                new MetadataTable.Entry(LOGICAL_SECTOR_SIZE, at + 32, 4, VIRTUAL_DISK | REQUIRED),
                new MetadataTable.Entry(PHYSICAL_SECTOR_SIZE, at + 36, 4, VIRTUAL_DISK | REQUIRED)));
        ByteBuffer b = ByteBuffer.allocate(ENCODED_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, table.encode());
        b.putInt(at + FILE_PARAMETERS_OFFSET_BLOCK_SIZE, blockSize);
        b.putInt(at + FILE_PARAMETERS_OFFSET_FLAGS,
                (leaveBlocksAllocated ? FLAG_LEAVE_BLOCKS_ALLOCATED : 0) | (hasParent ? FLAG_HAS_PARENT : 0));
        b.putLong(at + 8, virtualDiskSize);
        Guids.put(b, at + 16, virtualDiskId);
        b.putInt(at + 32, logicalSectorSize);
        b.putInt(at + 36, physicalSectorSize);
        return b.array();
    }

    /** Reads {@code length} bytes at {@code offset} of the metadata region. */
    @FunctionalInterface
    public interface RegionReader {
        byte[] read(long offset, int length) throws IOException;
    }

    /**
     * Parses the metadata region of {@code regionLength} bytes.
     *
     * @throws DiskImageException naming the problem: a missing or misplaced item, an unknown
     *                            required item, a differencing disk, or values out of range
     */
    public static VhdxMetadata decode(RegionReader region, long regionLength) throws IOException {
        MetadataTable table = MetadataTable.decode(region.read(0, MetadataTable.SIZE));
        Set<UUID> known = Set.of(FILE_PARAMETERS, VIRTUAL_DISK_SIZE, VIRTUAL_DISK_ID, LOGICAL_SECTOR_SIZE,
                PHYSICAL_SECTOR_SIZE, PARENT_LOCATOR);
        for (MetadataTable.Entry e : table.entries()) {
            if (e.isRequired() && (e.isUser() || !known.contains(e.itemId()))) {
                throw new DiskImageException("required metadata item " + e.itemId() + " is not one this reader knows");
            }
        }
        ByteBuffer parameters = item(region, regionLength, table, FILE_PARAMETERS, 8);
        int flags = parameters.getInt(FILE_PARAMETERS_OFFSET_FLAGS);
        if ((flags & FLAG_HAS_PARENT) != 0 || table.find(PARENT_LOCATOR) != null) {
            throw new DiskImageException("a differencing VHDX (it has a parent disk); only fixed and dynamic ones are read");
        }
        int blockSize = parameters.getInt(FILE_PARAMETERS_OFFSET_BLOCK_SIZE);
        long size = item(region, regionLength, table, VIRTUAL_DISK_SIZE, 8).getLong(0);
        UUID id = Guids.get(item(region, regionLength, table, VIRTUAL_DISK_ID, 16), 0);
        int logical = item(region, regionLength, table, LOGICAL_SECTOR_SIZE, 4).getInt(0);
        int physical = item(region, regionLength, table, PHYSICAL_SECTOR_SIZE, 4).getInt(0);
        String problem = problem(blockSize, size, logical, physical);
        if (problem != null) {
            throw new DiskImageException("metadata: " + problem);
        }
        return new VhdxMetadata(blockSize, (flags & FLAG_LEAVE_BLOCKS_ALLOCATED) != 0, false, size, id, logical, physical);
    }

    private static ByteBuffer item(RegionReader region, long regionLength, MetadataTable table, UUID id, int length)
            throws IOException {
        MetadataTable.Entry entry = table.find(id);
        if (entry == null) {
            throw new DiskImageException("metadata item " + id + " is missing");
        }
        if (entry.length() < length || entry.offset() < MetadataTable.SIZE || entry.offset() + entry.length() > regionLength) {
            throw new DiskImageException("metadata item " + id + " at " + entry.offset() + " of " + entry.length()
                    + " bytes does not fit the " + regionLength + "-byte metadata region or is too short");
        }
        return ByteBuffer.wrap(region.read(entry.offset(), length)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String problem(int blockSize, long virtualDiskSize, int logicalSectorSize, int physicalSectorSize) {
        if (blockSize < Vhdx.MIN_BLOCK_SIZE || blockSize > Vhdx.MAX_BLOCK_SIZE || Integer.bitCount(blockSize) != 1) {
            return "block size " + Integer.toUnsignedString(blockSize) + " is not a power of two from 1 to 256 MiB";
        }
        if (logicalSectorSize != 512 && logicalSectorSize != 4096) {
            return "logical sector size " + Integer.toUnsignedString(logicalSectorSize) + " is neither 512 nor 4096";
        }
        if (physicalSectorSize != 512 && physicalSectorSize != 4096) {
            return "physical sector size " + Integer.toUnsignedString(physicalSectorSize) + " is neither 512 nor 4096";
        }
        if (virtualDiskSize <= 0 || virtualDiskSize > Vhdx.MAX_VIRTUAL_DISK_SIZE || virtualDiskSize % logicalSectorSize != 0) {
            return "virtual disk size " + Long.toUnsignedString(virtualDiskSize) + " is not a positive multiple of "
                    + logicalSectorSize + " up to 64 TiB";
        }
        return null;
    }
}
