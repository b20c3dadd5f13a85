package dev.slipway.vhdx;

import dev.slipway.disk.DiskImageException;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.Extent;
import dev.slipway.disk.ExtentList;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A fixed or dynamic VHDX read as a disk: its extents are the payload blocks present in the file.
 * Opening checks what a reader must: the file identifier, the headers' checksums (the valid one
 * with the higher sequence number is current), an empty log, the region table's checksum, the
 * metadata, and that every present block lies inside the file. Differencing disks and files with a
 * log to replay are refused, as are blocks in reserved states.
 */
public final class VhdxDisk implements DiskSource {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final FileChannel channel;
    private final String description;
    private final VhdxHeader header;
    private final VhdxMetadata metadata;
    /** Per payload block, its file offset in MiB, or 0 when it reads as zeros. */
    private final int[] blockMb;
    private final List<Extent> extents;

    private VhdxDisk(FileChannel channel, String description, VhdxHeader header, VhdxMetadata metadata, int[] blockMb,
                     List<Extent> extents) {
        this.channel = channel;
        this.description = description;
        this.header = header;
        this.metadata = metadata;
        this.blockMb = blockMb;
        this.extents = extents;
    }

    /** @throws DiskImageException naming the file and what is wrong with it */
    public static VhdxDisk open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return VhdxOpener.open(channel, file);
        } catch (DiskImageException e) {
            channel.close();
            throw new DiskImageException(file + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static VhdxDisk of(FileChannel channel, Path file, VhdxHeader header, VhdxMetadata metadata, int[] blockMb) {
        ExtentList extents = new ExtentList();
        long blockSize = metadata.blockSize();
        for (int block = 0; block < blockMb.length; block++) {
            if (blockMb[block] != 0) {
                long offset = block * blockSize;
                extents.add(offset, Math.min(blockSize, metadata.virtualDiskSize() - offset));
            }
        }
        return new VhdxDisk(channel, "VHDX " + file, header, metadata, blockMb, extents.toList());
    }

    /** The current header. */
    public VhdxHeader header() {
        return header;
    }

    public VhdxMetadata metadata() {
        return metadata;
    }

    @Override
    public long size() {
        return metadata.virtualDiskSize();
    }

    @Override
    public List<Extent> extents() {
        return extents;
    }

    @Override
    public void read(ByteBuffer dst, long offset) throws IOException {
        DiskSource.checkRange(offset, dst.remaining(), size());
        long at = offset;
        while (dst.hasRemaining()) {
            int piece = piece(at, dst.remaining());
            long fileOffset = fileOffset(at);
            ByteBuffer part = dst.slice(dst.position(), piece);
            if (fileOffset < 0) {
                while (part.hasRemaining()) {
                    part.put(ZEROS, 0, Math.min(ZEROS.length, part.remaining()));
                }
            } else {
                while (part.hasRemaining()) {
                    if (channel.read(part, fileOffset + part.position()) < 0) {
                        throw new DiskImageException(description + ": the file ends inside payload data at "
                                + (fileOffset + part.position()));
                    }
                }
            }
            dst.position(dst.position() + piece);
            at += piece;
        }
    }

    @Override
    public void transferTo(long offset, long length, FileChannel target, long position) throws IOException {
        DiskSource.checkRange(offset, length, size());
        long done = 0;
        while (done < length) {
            int piece = piece(offset + done, length - done);
            long fileOffset = fileOffset(offset + done);
            target.position(position + done);
            if (fileOffset < 0) {
                ByteBuffer zeros = ByteBuffer.allocate(Math.min(piece, Vhdx.MIB));
                for (long left = piece; left > 0; left -= zeros.limit()) {
                    zeros.clear().limit((int) Math.min(left, zeros.capacity()));
                    while (zeros.hasRemaining()) {
                        target.write(zeros);
                    }
                }
            } else {
                for (long moved = 0; moved < piece; ) {
                    long n = channel.transferTo(fileOffset + moved, piece - moved, target);
                    if (n <= 0) {
                        throw new DiskImageException(description + ": the file ends inside payload data at "
                                + (fileOffset + moved));
                    }
                    moved += n;
                }
            }
            done += piece;
        }
    }

    /** Bytes from {@code offset} to the end of its block, at most {@code wanted}. */
    private int piece(long offset, long wanted) {
        long blockSize = metadata.blockSize();
        return (int) Math.min(wanted, blockSize - offset % blockSize);
    }

    /** Where {@code offset} of the disk is in the file, or -1 if its block reads as zeros. */
    private long fileOffset(long offset) {
        long blockSize = metadata.blockSize();
        int mb = blockMb[(int) (offset / blockSize)];
        return mb == 0 ? -1 : (long) mb * Vhdx.MIB + offset % blockSize;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
