package dev.slipway.source;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the extended attributes of a file without following symlinks, through libc's
 * {@code llistxattr} and {@code lgetxattr}. A file whose attributes change while being read is
 * read again; an attribute removed meanwhile is left out; a filesystem without xattr support has
 * none. Linux only.
 */
final class LinuxXattrs {

    private static final int E2BIG = 7;
    private static final int ERANGE = 34;
    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;
    private static final int ATTEMPTS = 16;
    private static final byte[] NONE = new byte[0];

    private LinuxXattrs() {
    }

    /**
     * libc, bound on first use so that reading tarballs never needs the native library. Direct
     * mapping rather than an interface proxy: the proxy's reflective dispatch cost more than the
     * syscalls themselves, and these run once or more for every file of a directory source.
     */
    private static final class LibC {
        static {
            Native.register(LibC.class, "c");
        }

        static native NativeLong llistxattr(byte[] path, byte[] list, NativeLong size) throws LastErrorException;

        static native NativeLong lgetxattr(byte[] path, byte[] name, byte[] value, NativeLong size)
                throws LastErrorException;

        static native String strerror(int errno);
    }

    /*
     * Most files have no attributes or a short list of short values, so one call into a buffer of
     * this size usually answers outright; only a larger answer (ERANGE) costs a size query first.
     */
    private static final int FIRST_TRY = 256;

    /** Per thread, since directories are scanned on several threads. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[FIRST_TRY]);

    /**
     * Names (strict UTF-8) to values, in the order the filesystem lists them.
     *
     * @param shown how to name the file in messages
     */
    static Map<String, byte[]> read(Path file, String shown) throws IOException {
        byte[] path = cString(file.toString().getBytes(StandardCharsets.UTF_8));
        byte[] list = list(path, shown);
        Map<String, byte[]> values = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] != 0) {
                continue;
            }
            byte[] rawName = Arrays.copyOfRange(list, start, i);
            start = i + 1;
            if (rawName.length == 0) {
                continue;
            }
            String name = Utf8.decodeOrNull(rawName);
            if (name == null) {
                throw new IOException("'" + shown + "' has an extended attribute whose name is not UTF-8: '"
                        + Utf8.escape(rawName) + "'");
            }
            byte[] value = get(path, cString(rawName), shown, name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    /**
     * The NUL-separated name list. The first try uses a per-thread scratch buffer, which fits nearly
     * every file; on ERANGE each retry asks the size first, since a writer may grow the list meanwhile.
     */
    private static byte[] list(byte[] path, String shown) throws IOException {
        byte[] buffer = SCRATCH.get();
        for (int attempt = 0; attempt <= ATTEMPTS; attempt++) {
            try {
                if (attempt > 0) {
                    long size = LibC.llistxattr(path, null, new NativeLong(0)).longValue();
                    if (size == 0) {
                        return NONE;
                    }
                    buffer = new byte[(int) size];
                }
                long n = LibC.llistxattr(path, buffer, new NativeLong(buffer.length)).longValue();
                return n == 0 ? NONE : Arrays.copyOf(buffer, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ENOTSUP) {
                    return NONE;
                }
                if (e.getErrorCode() != ERANGE) {
                    throw failure("listing the extended attributes of '" + shown + "'", e);
                }
            }
        }
        throw new IOException("the extended attributes of '" + shown + "' keep changing while being read");
    }

    /** The value, or {@code null} when the attribute vanished after it was listed; retries as {@link #list}. */
    private static byte[] get(byte[] path, byte[] name, String shown, String attribute) throws IOException {
        byte[] buffer = SCRATCH.get();
        for (int attempt = 0; attempt <= ATTEMPTS; attempt++) {
            try {
                if (attempt > 0) {
                    long size = LibC.lgetxattr(path, name, null, new NativeLong(0)).longValue();
                    if (size == 0) {
                        return new byte[0];
                    }
                    buffer = new byte[(int) size];
                }
                long n = LibC.lgetxattr(path, name, buffer, new NativeLong(buffer.length)).longValue();
                return Arrays.copyOf(buffer, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ENODATA) {
                    return null;
                }
                if (e.getErrorCode() != ERANGE) {
                    throw failure("reading extended attribute '" + attribute + "' of '" + shown + "'", e);
                }
            }
        }
        throw new IOException("extended attribute '" + attribute + "' of '" + shown + "' keeps changing while being read");
    }

    private static IOException failure(String doing, LastErrorException e) {
        int errno = e.getErrorCode();
        String reason;
        try {
            reason = LibC.strerror(errno);
        } catch (RuntimeException | LinkageError ignored) {
            reason = "error";
        }
        String hint = errno == E2BIG ? " (the attribute list exceeds what Linux can return)" : "";
        return new IOException(doing + ": " + reason + " (errno " + errno + ")" + hint, e);
    }

    private static byte[] cString(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length + 1);
    }
}
