package dev.slipway.source;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.slipway.disk.Extent;
import dev.slipway.disk.ExtentList;
import dev.slipway.disk.HoleFinder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Asks the filesystem where a file's data is, with {@code lseek(SEEK_DATA)} and
 * {@code lseek(SEEK_HOLE)} through libc, so a sparse disk image of many GiB is read only where it
 * was written. Answers are in the filesystem's block granularity. Where the filesystem or libc
 * cannot answer, the fallback finder (by default {@link HoleFinder#SCAN}, which reads the file)
 * does. Linux only.
 */
public final class SparseFiles implements HoleFinder {

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;
    private static final int EINVAL = 22;
    private static final int EOPNOTSUPP = 95;

    private final HoleFinder fallback;

    public SparseFiles() {
        this(HoleFinder.SCAN);
    }

    /** @param fallback answers for filesystems without {@code SEEK_DATA} */
    public SparseFiles(HoleFinder fallback) {
        this.fallback = fallback;
    }

    /** libc, bound on first use; direct mapping as in {@link LinuxXattrs}. */
    private static final class LibC {
        static {
            Native.register(LibC.class, "c");
        }

        static native int open(byte[] path, int flags) throws LastErrorException;

        static native long lseek(int fd, long offset, int whence) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;

        static native String strerror(int errno);
    }

    @Override
    public List<Extent> dataExtents(Path file, long length) throws IOException {
        byte[] path = file.toString().getBytes(StandardCharsets.UTF_8);
        int fd;
        try {
            fd = LibC.open(Arrays.copyOf(path, path.length + 1), O_RDONLY | O_CLOEXEC);
        } catch (LinkageError e) {
            return fallback.dataExtents(file, length);
        } catch (LastErrorException e) {
            throw failure("opening " + file, e);
        }
        try {
            ExtentList found = new ExtentList();
            long offset = 0;
            while (offset < length) {
                long data;
                try {
                    data = LibC.lseek(fd, offset, SEEK_DATA);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == ENXIO) {
                        break;
                    }
                    if (e.getErrorCode() == EINVAL || e.getErrorCode() == EOPNOTSUPP) {
                        return fallback.dataExtents(file, length);
                    }
                    throw failure("finding data in " + file + " after offset " + offset, e);
                }
                if (data >= length) {
                    break;
                }
                long hole;
                try {
                    hole = LibC.lseek(fd, data, SEEK_HOLE);
                } catch (LastErrorException e) {
                    throw failure("finding the hole after offset " + data + " in " + file, e);
                }
                found.add(data, Math.min(hole, length) - data);
                offset = hole;
            }
            return found.toList();
        } finally {
            try {
                LibC.close(fd);
            } catch (LastErrorException ignored) {
                // Read-only descriptor: nothing can be lost by a failed close.
            }
        }
    }

    private static IOException failure(String doing, LastErrorException e) {
        String reason;
        try {
            reason = LibC.strerror(e.getErrorCode());
        } catch (RuntimeException | LinkageError ignored) {
            reason = "error";
        }
        return new IOException(doing + ": " + reason + " (errno " + e.getErrorCode() + ")", e);
    }
}
