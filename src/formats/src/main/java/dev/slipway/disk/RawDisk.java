package dev.slipway.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A virtual disk that is the first {@code size} bytes of a file: a raw image, or a fixed VHD
 * without its footer. Its extents come from a {@link HoleFinder}, found once when it is opened.
 */
public final class RawDisk implements DiskSource {

    private final FileChannel channel;
    private final long size;
    private final List<Extent> extents;
    private final String description;

    private RawDisk(FileChannel channel, long size, List<Extent> extents, String description) {
        this.channel = channel;
        this.size = size;
        this.extents = extents;
        this.description = description;
    }

    /** The whole of {@code file} as a disk. */
    public static RawDisk open(Path file, HoleFinder holes) throws IOException {
        try (FileChannel probe = FileChannel.open(file, StandardOpenOption.READ)) {
            return open(file, probe.size(), holes, "raw disk " + file);
        }
    }

    /**
     * The first {@code size} bytes of {@code file} as a disk.
     *
     * @param description how messages name the disk
     * @throws DiskImageException if the file is shorter than {@code size}
     */
    public static RawDisk open(Path file, long size, HoleFinder holes, String description) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            if (channel.size() < size) {
                throw new DiskImageException(description + ": the file has " + channel.size() + " bytes, fewer than the "
                        + size + " the disk needs (truncated?)");
            }
            List<Extent> extents = holes.dataExtents(file, size);
            checkExtents(extents, size, description);
            return new RawDisk(channel, size, extents, description);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public List<Extent> extents() {
        return extents;
    }

    @Override
    public void read(ByteBuffer dst, long offset) throws IOException {
        DiskSource.checkRange(offset, dst.remaining(), size);
        ScanningHoleFinder.readFully(channel, dst, offset, description);
    }

    @Override
    public void transferTo(long offset, long length, FileChannel target, long position) throws IOException {
        DiskSource.checkRange(offset, length, size);
        target.position(position);
        long done = 0;
        while (done < length) {
            long n = channel.transferTo(offset + done, length - done, target);
            if (n <= 0 && channel.size() <= offset + done) {
                throw new DiskImageException(description + ": the file shrank to " + channel.size() + " bytes while being read");
            }
            done += n;
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void checkExtents(List<Extent> extents, long size, String description) {
        long end = 0;
        for (Extent extent : extents) {
            if (extent.offset() < end || extent.end() > size) {
                throw new IllegalStateException("hole finder gave " + extent + " for " + description + " of " + size
                        + " bytes: extents must ascend, not overlap and stay inside the disk");
            }
            end = extent.end();
        }
    }
}
