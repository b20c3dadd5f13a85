package dev.slipway.vhdx;

import dev.slipway.disk.DiskImageException;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.SparseCopy;
import dev.slipway.io.Progress;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a dynamic VHDX in one pass over the source. Layout, every object 1 MiB-aligned:
 * <pre>
 *   0      header section: file identifier, headers (sequence 1 and 2), two region tables
 *   1 MiB  log, 1 MiB, empty (log GUID zero)
 *   2 MiB  metadata region, 1 MiB
 *   3 MiB  BAT, its entries rounded up to 1 MiB
 *   then   payload blocks holding data, in disk order
 * </pre>
 * A block gets a place in the file when its first non-zero grain is met and is marked
 * PAYLOAD_BLOCK_FULLY_PRESENT; the others are PAYLOAD_BLOCK_ZERO, which readers must read as
 * zeros. Zero grains inside present blocks are left as holes, so the file is sparse too. Memory: one
 * int per payload block plus the copy buffers.
 */
public final class VhdxWriter {

    public static final long LOG_OFFSET = Vhdx.HEADER_SECTION_SIZE;
    public static final long LOG_LENGTH = Vhdx.MIB;
    public static final long METADATA_OFFSET = LOG_OFFSET + LOG_LENGTH;
    public static final long METADATA_LENGTH = Vhdx.MIB;
    public static final long BAT_OFFSET = METADATA_OFFSET + METADATA_LENGTH;
    public static final String CREATOR = "Slipway";
    public static final int LOGICAL_SECTOR_SIZE = 512;
    /** Hyper-V's default for new disks: 4 KiB physical sectors, 512-byte logical ones. */
    public static final int PHYSICAL_SECTOR_SIZE = 4096;

    private VhdxWriter() {
    }

    /**
     * Writes {@code source} to {@code out} (created or truncated).
     *
     * @throws DiskImageException if the disk is not a whole number of 512-byte sectors or exceeds 64 TiB
     */
    public static SparseCopy.Stats write(DiskSource source, Path out, VhdxOptions options, boolean detectZeros,
                                         Progress progress) throws IOException {
        long size = source.size();
        if (size <= 0 || size % LOGICAL_SECTOR_SIZE != 0 || size > Vhdx.MAX_VIRTUAL_DISK_SIZE) {
            throw new DiskImageException(source.description() + " has " + size + " bytes; a VHDX needs a positive "
                    + "multiple of " + LOGICAL_SECTOR_SIZE + " up to 64 TiB");
        }
        VhdxMetadata metadata = new VhdxMetadata(options.blockSize(), false, false, size, options.virtualDiskId(),
                LOGICAL_SECTOR_SIZE, PHYSICAL_SECTOR_SIZE);
        BatGeometry geometry = new BatGeometry(metadata);
        long dataStart = BAT_OFFSET + geometry.regionLength();
        int blockSize = options.blockSize();
        int[] blockMb = new int[Math.toIntExact(geometry.payloadBlocks())];
        long[] next = {dataStart};
        SparseCopy.Placement placement = (offset, length) -> {
            int block = (int) (offset / blockSize);
            if (blockMb[block] == 0) {
                blockMb[block] = Math.toIntExact(next[0] / Vhdx.MIB);
                next[0] += blockSize;
            }
            return (long) blockMb[block] * Vhdx.MIB + offset % blockSize;
        };
        try (RandomAccessFile file = new RandomAccessFile(out.toFile(), "rw")) {
            file.setLength(0);
            FileChannel channel = file.getChannel();
            SparseCopy.Stats stats = SparseCopy.copy(source, channel, placement, detectZeros, progress);
            writeBat(channel, geometry, blockMb);
            writeGrains(channel, METADATA_OFFSET, metadata.encode());
            byte[] regions = new RegionTable(List.of(
                    new RegionTable.Entry(RegionTable.BAT, BAT_OFFSET, geometry.regionLength(), true),
                    new RegionTable.Entry(RegionTable.METADATA, METADATA_OFFSET, METADATA_LENGTH, true))).encode();
            writeGrains(channel, Vhdx.REGION_TABLE_1_OFFSET, regions);
            writeGrains(channel, Vhdx.REGION_TABLE_2_OFFSET, regions);
            // Two valid headers, the second current, as after the specification's update procedure.
            writeGrains(channel, Vhdx.HEADER_1_OFFSET, header(1, options).encode());
            writeGrains(channel, Vhdx.HEADER_2_OFFSET, header(2, options).encode());
            writeGrains(channel, Vhdx.FILE_IDENTIFIER_OFFSET, new FileIdentifier(CREATOR).encode());
            file.setLength(next[0]);
            return stats;
        }
    }

    private static VhdxHeader header(long sequence, VhdxOptions options) {
        return new VhdxHeader(sequence, options.fileWriteGuid(), options.dataWriteGuid(), VhdxHeader.NO_LOG,
                VhdxHeader.LOG_VERSION, VhdxHeader.VERSION, LOG_LENGTH, LOG_OFFSET);
    }

    /** Streams the table through a 1 MiB buffer: payload entries interleaved with sector bitmap ones. */
    private static void writeBat(FileChannel channel, BatGeometry geometry, int[] blockMb) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Vhdx.MIB).order(ByteOrder.LITTLE_ENDIAN);
        long position = BAT_OFFSET;
        long block = 0;
        long entries = geometry.entries();
        for (long index = 0; index < entries; index++) {
            BatEntry entry;
            if (geometry.isSectorBitmap(index)) {
                entry = BatEntry.SECTOR_BITMAP_NOT_PRESENT;
            } else {
                int mb = blockMb[(int) block++];
                entry = mb == 0 ? BatEntry.ZERO : BatEntry.present((long) mb * Vhdx.MIB);
            }
            buffer.putLong(entry.encode());
            if (!buffer.hasRemaining()) {
                position += writeFully(channel, buffer.flip(), position);
                buffer.clear();
            }
        }
        writeFully(channel, buffer.flip(), position);
    }

    /** Writes the 4 KiB grains of {@code bytes} that hold a non-zero byte; the rest stay holes. */
    private static void writeGrains(FileChannel channel, long offset, byte[] bytes) throws IOException {
        int grain = SparseCopy.GRAIN;
        for (int start = 0; start < bytes.length; start += grain) {
            int end = Math.min(bytes.length, start + grain);
            if (!Arrays.equals(bytes, start, end, new byte[end - start], 0, end - start)) {
                writeFully(channel, ByteBuffer.wrap(bytes, start, end - start), offset + start);
            }
        }
    }

    private static int writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int n = buffer.remaining();
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + n - buffer.remaining());
        }
        return n;
    }
}
