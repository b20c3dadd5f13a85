package dev.slipway.vhdx;

import dev.slipway.disk.DiskImageException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The checks {@link VhdxDisk#open} runs, in the order [MS-VHDX] has a reader make them. */
final class VhdxOpener {

    /** Stand-ins for the header section and the log among the structures blocks must not overlap. */
    private static final UUID HEADER_SECTION = new UUID(0, 1);
    private static final UUID LOG = new UUID(0, 2);

    private final FileChannel channel;
    private final long fileLength;

    private VhdxOpener(FileChannel channel) throws IOException {
        this.channel = channel;
        this.fileLength = channel.size();
    }

    static VhdxDisk open(FileChannel channel, Path file) throws IOException {
        VhdxOpener opener = new VhdxOpener(channel);
        if (opener.fileLength < Vhdx.HEADER_SECTION_SIZE) {
            throw new DiskImageException("truncated: " + opener.fileLength + " bytes, less than the 1 MiB header section");
        }
        FileIdentifier.decode(opener.read(Vhdx.FILE_IDENTIFIER_OFFSET, FileIdentifier.ENCODED_SIZE));
        VhdxHeader header = opener.currentHeader();
        if (!header.logIsEmpty()) {
            throw new DiskImageException("the log holds entries to replay (log GUID " + header.logGuid() + "): the file "
                    + "was not closed cleanly; open it once in Hyper-V or run qemu-img check -r all on it first");
        }
        RegionTable regions = opener.regionTable();
        RegionTable.Entry bat = opener.region(regions, RegionTable.BAT, "BAT");
        RegionTable.Entry meta = opener.region(regions, RegionTable.METADATA, "metadata");
        VhdxMetadata metadata = VhdxMetadata.decode((offset, length) -> opener.read(meta.fileOffset() + offset, length),
                meta.length());
        List<RegionTable.Entry> structures = new ArrayList<>(regions.entries());
        structures.add(new RegionTable.Entry(HEADER_SECTION, 0, Vhdx.HEADER_SECTION_SIZE, true));
        structures.add(new RegionTable.Entry(LOG, header.logOffset(), header.logLength(), true));
        return VhdxDisk.of(channel, file, header, metadata, opener.blocks(bat, metadata, structures));
    }

    /** The valid header with the higher sequence number; with equal numbers both must be the same. */
    private VhdxHeader currentHeader() throws IOException {
        VhdxHeader[] headers = new VhdxHeader[2];
        String[] problems = new String[2];
        int[] offsets = {Vhdx.HEADER_1_OFFSET, Vhdx.HEADER_2_OFFSET};
        for (int i = 0; i < 2; i++) {
            try {
                VhdxHeader h = VhdxHeader.decode(read(offsets[i], VhdxHeader.SIZE));
                if (h.version() != VhdxHeader.VERSION) {
                    throw new DiskImageException("version " + h.version() + ", not " + VhdxHeader.VERSION);
                }
                headers[i] = h;
            } catch (DiskImageException e) {
                problems[i] = e.getMessage();
            }
        }
        if (headers[0] == null && headers[1] == null) {
            throw new DiskImageException("no valid header: header 1 (offset " + offsets[0] + "): " + problems[0]
                    + "; header 2 (offset " + offsets[1] + "): " + problems[1]);
        }
        if (headers[0] == null || headers[1] == null) {
            return headers[0] != null ? headers[0] : headers[1];
        }
        int order = Long.compareUnsigned(headers[0].sequenceNumber(), headers[1].sequenceNumber());
        if (order == 0 && !headers[0].equals(headers[1])) {
            throw new DiskImageException("both headers have sequence number "
                    + Long.toUnsignedString(headers[0].sequenceNumber()) + " but differ");
        }
        return order >= 0 ? headers[0] : headers[1];
    }

    /** The first region table copy that is valid. */
    private RegionTable regionTable() throws IOException {
        String first;
        try {
            return RegionTable.decode(read(Vhdx.REGION_TABLE_1_OFFSET, RegionTable.SIZE));
        } catch (DiskImageException e) {
            first = e.getMessage();
        }
        try {
            return RegionTable.decode(read(Vhdx.REGION_TABLE_2_OFFSET, RegionTable.SIZE));
        } catch (DiskImageException e) {
            throw new DiskImageException("no valid region table: copy 1 (offset " + Vhdx.REGION_TABLE_1_OFFSET + "): "
                    + first + "; copy 2 (offset " + Vhdx.REGION_TABLE_2_OFFSET + "): " + e.getMessage());
        }
    }

    private RegionTable.Entry region(RegionTable table, UUID guid, String name) throws DiskImageException {
        for (RegionTable.Entry e : table.entries()) {
            boolean known = e.guid().equals(RegionTable.BAT) || e.guid().equals(RegionTable.METADATA);
            if (e.required() && !known) {
                throw new DiskImageException("required region " + e.guid() + " is not one this reader knows");
            }
        }
        RegionTable.Entry entry = table.find(guid);
        if (entry == null) {
            throw new DiskImageException("the region table has no " + name + " region");
        }
        if (entry.fileOffset() < Vhdx.HEADER_SECTION_SIZE || entry.fileOffset() % Vhdx.MIB != 0
                || entry.length() % Vhdx.MIB != 0 || entry.length() == 0) {
            throw new DiskImageException("the " + name + " region at " + entry.fileOffset() + " of " + entry.length()
                    + " bytes is not 1 MiB-aligned after the header section");
        }
        if (entry.end() > fileLength) {
            throw new DiskImageException("truncated: the " + name + " region ends at " + entry.end() + " but the file has "
                    + fileLength + " bytes");
        }
        return entry;
    }

    /** Reads the BAT: per payload block its offset in MiB, 0 for blocks that read as zeros. */
    private int[] blocks(RegionTable.Entry bat, VhdxMetadata metadata, List<RegionTable.Entry> structures)
            throws IOException {
        BatGeometry geometry = new BatGeometry(metadata);
        if (geometry.entries() * 8 > bat.length()) {
            throw new DiskImageException("the BAT region of " + bat.length() + " bytes cannot hold the "
                    + geometry.entries() + " entries a " + metadata.virtualDiskSize() + "-byte disk needs");
        }
        int[] blockMb = new int[Math.toIntExact(geometry.payloadBlocks())];
        ByteBuffer chunk = ByteBuffer.allocate(0);
        int block = 0;
        for (long index = 0; index < geometry.entries(); index++) {
            if (!chunk.hasRemaining()) {
                int length = (int) Math.min(Vhdx.MIB, (geometry.entries() - index) * 8);
                chunk = ByteBuffer.wrap(read(bat.fileOffset() + index * 8, length)).order(ByteOrder.LITTLE_ENDIAN);
            }
            BatEntry entry = BatEntry.decode(chunk.getLong());
            if (geometry.isSectorBitmap(index)) {
                continue;
            }
            switch (entry.state()) {
                case BatEntry.PAYLOAD_BLOCK_FULLY_PRESENT -> blockMb[block] = present(entry, block, metadata, structures);
                case BatEntry.PAYLOAD_BLOCK_NOT_PRESENT, BatEntry.PAYLOAD_BLOCK_UNDEFINED, BatEntry.PAYLOAD_BLOCK_ZERO,
                     BatEntry.PAYLOAD_BLOCK_UNMAPPED -> {
                }
                case BatEntry.PAYLOAD_BLOCK_PARTIALLY_PRESENT -> throw new DiskImageException("payload block " + block
                        + " is partially present, a state only differencing disks may use");
                default -> throw new DiskImageException("payload block " + block + " has the reserved state " + entry.state());
            }
            block++;
        }
        return blockMb;
    }

    private int present(BatEntry entry, int block, VhdxMetadata metadata, List<RegionTable.Entry> structures)
            throws DiskImageException {
        long offset = entry.fileOffset();
        long needed = Math.min(metadata.blockSize(), metadata.virtualDiskSize() - (long) block * metadata.blockSize());
        for (RegionTable.Entry structure : structures) {
            if (offset < structure.end() && structure.fileOffset() < offset + needed) {
                throw new DiskImageException("payload block " + block + " at file offset " + offset + " overlaps "
                        + name(structure.guid()) + " at " + structure.fileOffset());
            }
        }
        if (offset + needed > fileLength) {
            throw new DiskImageException("truncated: payload block " + block + " at file offset " + offset + " needs "
                    + needed + " bytes but the file ends at " + fileLength);
        }
        return Math.toIntExact(entry.fileOffsetMb());
    }

    private static String name(UUID guid) {
        if (guid.equals(RegionTable.BAT)) {
            return "the BAT";
        }
        if (guid.equals(RegionTable.METADATA)) {
            return "the metadata region";
        }
        return guid.equals(HEADER_SECTION) ? "the header section" : guid.equals(LOG) ? "the log" : "region " + guid;
    }

    private byte[] read(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new DiskImageException("truncated: the file ends at " + fileLength + ", inside the structure at "
                        + offset + " (" + length + " bytes)");
            }
        }
        return buffer.array();
    }
}
