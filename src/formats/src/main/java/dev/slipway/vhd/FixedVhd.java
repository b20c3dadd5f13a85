package dev.slipway.vhd;

import dev.slipway.disk.DiskImageException;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.HoleFinder;
import dev.slipway.disk.RawDisk;
import dev.slipway.disk.SparseCopy;
import dev.slipway.io.Progress;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fixed VHDs: the disk's bytes followed by a 512-byte {@link VhdFooter}. Written sparse (only the
 * disk's non-zero grains and the footer are written) and read as a {@link RawDisk} over all but the
 * footer. Dynamic and differencing VHDs are refused.
 */
public final class FixedVhd {

    /** Azure accepts only fixed VHDs whose virtual size is a whole number of MiB. */
    public static final long AZURE_ALIGNMENT = 1 << 20;

    private FixedVhd() {
    }

    /**
     * Writes {@code source} to {@code out} (created or truncated) as a fixed VHD with {@code footer}.
     *
     * @throws DiskImageException if the footer's size is not the source's, or the size is not a
     *                            whole number of MiB (Azure refuses such disks)
     */
    public static SparseCopy.Stats write(DiskSource source, Path out, VhdFooter footer, boolean detectZeros,
                                         Progress progress) throws IOException {
        long size = source.size();
        if (size % AZURE_ALIGNMENT != 0) {
            throw new DiskImageException(source.description() + " has " + size + " bytes, not a whole number of MiB; "
                    + "Azure accepts only such VHDs: make the disk " + (size / AZURE_ALIGNMENT + 1) * AZURE_ALIGNMENT
                    + " bytes (" + (size / AZURE_ALIGNMENT + 1) + " MiB)");
        }
        if (footer.currentSize() != size || footer.diskType() != VhdFooter.DISK_TYPE_FIXED) {
            throw new IllegalArgumentException("footer " + footer + " does not describe a fixed disk of " + size + " bytes");
        }
        try (RandomAccessFile file = new RandomAccessFile(out.toFile(), "rw")) {
            file.setLength(0);
            file.setLength(size + VhdFooter.SIZE);
            FileChannel channel = file.getChannel();
            SparseCopy.Stats stats = SparseCopy.copy(source, channel, (offset, length) -> offset, detectZeros, progress);
            ByteBuffer bytes = ByteBuffer.wrap(footer.encode());
            while (bytes.hasRemaining()) {
                channel.write(bytes, size + bytes.position());
            }
            return stats;
        }
    }

    /**
     * Opens a fixed VHD as a disk of its footer's current size.
     *
     * @throws DiskImageException naming the file and the problem: no or a damaged footer, a dynamic
     *                            or differencing VHD, or a size that does not match the file
     */
    public static DiskSource open(Path file, HoleFinder holes) throws IOException {
        VhdFooter footer = readFooter(file);
        long dataBytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            dataBytes = channel.size() - VhdFooter.SIZE;
        }
        switch (footer.diskType()) {
            case VhdFooter.DISK_TYPE_FIXED -> {
            }
            case VhdFooter.DISK_TYPE_DYNAMIC, VhdFooter.DISK_TYPE_DIFFERENCING -> throw new DiskImageException(file
                    + " is a " + (footer.diskType() == VhdFooter.DISK_TYPE_DYNAMIC ? "dynamic" : "differencing")
                    + " VHD; only fixed VHDs are read (convert it first, e.g. qemu-img convert -f vpc -O raw)");
            default -> throw new DiskImageException(file + ": unknown VHD disk type " + footer.diskType());
        }
        if (footer.currentSize() != dataBytes) {
            throw new DiskImageException(file + ": the VHD footer gives a size of " + footer.currentSize()
                    + " bytes but the file holds " + dataBytes + " bytes before the footer (truncated or damaged)");
        }
        return RawDisk.open(file, dataBytes, holes, "fixed VHD " + file);
    }

    /** Reads and checks the footer at the end of {@code file}. */
    public static VhdFooter readFooter(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < VhdFooter.SIZE) {
                throw new DiskImageException(file + " has " + size + " bytes, too few for a VHD footer");
            }
            byte[] tail = read(channel, size - VhdFooter.SIZE);
            try {
                return VhdFooter.decode(tail);
            } catch (DiskImageException e) {
                if (size >= 2L * VhdFooter.SIZE && isFooter(read(channel, 0))) {
                    throw new DiskImageException(file + " starts with a VHD footer copy but does not end with a valid footer"
                            + " (" + e.getMessage() + "): a dynamic VHD, or a damaged one; only fixed VHDs are read");
                }
                throw new DiskImageException(file + " at offset " + (size - VhdFooter.SIZE) + ": " + e.getMessage());
            }
        }
    }

    private static boolean isFooter(byte[] bytes) {
        try {
            VhdFooter.decode(bytes);
            return true;
        } catch (DiskImageException e) {
            return false;
        }
    }

    private static byte[] read(FileChannel channel, long offset) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(VhdFooter.SIZE);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new EOFException("file ends inside the VHD footer at " + offset);
            }
        }
        return buffer.array();
    }
}
