package dev.slipway.cpio;

import java.nio.charset.StandardCharsets;

/**
 * One newc entry header: the magic and thirteen fields of eight ASCII hex digits, 110 bytes, then
 * the NUL-terminated name padded so the data starts on a 4-byte boundary.
 *
 * @param nameSize the name's length in bytes including its NUL
 */
record CpioHeader(long inode, int mode, long uid, long gid, long links, long mtime, long fileSize, int devMajor,
                  int devMinor, int rdevMajor, int rdevMinor, long nameSize) {

    static final String MAGIC = "070701";
    static final int SIZE = 110;
    /** The largest value a field holds: eight hex digits. */
    static final long MAX_FIELD = 0xFFFF_FFFFL;

    CpioHeader {
        for (long field : new long[] {inode, mode, uid, gid, links, mtime, fileSize, devMajor, devMinor, rdevMajor,
                rdevMinor, nameSize}) {
            if (field < 0 || field > MAX_FIELD) {
                throw new IllegalArgumentException("a newc header field holds 0 to 0xFFFFFFFF; got " + field);
            }
        }
    }

    byte[] encode() {
        StringBuilder header = new StringBuilder(SIZE).append(MAGIC);
        for (long field : new long[] {inode, mode, uid, gid, links, mtime, fileSize, devMajor, devMinor, rdevMajor,
                rdevMinor, nameSize, 0}) {
            header.append(String.format("%08x", field));
        }
        return header.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes of padding after {@code length} bytes so the next item starts on a 4-byte boundary. */
    static int padding(long length) {
        return (int) ((4 - (length & 3)) & 3);
    }
}
