package dev.slipway.erofs;

import dev.slipway.tree.Timestamp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fixed part of an on-disk inode, in its 32-byte compact or 64-byte extended form.
 *
 * @param extended    64-byte form (own mtime, 32-bit ids and nlink, 64-bit size)
 * @param dataLayout  {@link #FLAT_PLAIN} or {@link #FLAT_INLINE} (3 bits of i_format)
 * @param xattrCount  i_xattr_icount: 0 without xattrs, else 1 + (ibody size - 12) / 4
 * @param mode        st_mode, type and permission bits
 * @param startOrDevice i_u: first data block, or the encoded device number
 */
record InodeHeader(boolean extended, int dataLayout, int xattrCount, int mode, long nlink, long size,
        int startOrDevice, long ino, long uid, long gid, Timestamp mtime) {

    static final int COMPACT_SIZE = 32;
    static final int EXTENDED_SIZE = 64;

    static final int FLAT_PLAIN = 0;
    static final int FLAT_INLINE = 2;
    static final int VERSION_EXTENDED = 1;
    static final int DATA_LAYOUT_SHIFT = 1;

    /** i_u for a flat inode that owns no data block. */
    static final int NULL_BLOCK = -1;

    static final int FORMAT_OFFSET = 0;
    static final int XATTR_COUNT_OFFSET = 2;
    static final int MODE_OFFSET = 4;
    static final int COMPACT_NLINK_OFFSET = 6;
    static final int COMPACT_SIZE_OFFSET = 8;
    /** Was i_reserved; newer kernels add it to build_time as seconds, so it must stay 0. */
    static final int COMPACT_MTIME_OFFSET = 12;
    static final int I_U_OFFSET = 16;
    static final int INO_OFFSET = 20;
    static final int COMPACT_UID_OFFSET = 24;
    static final int COMPACT_GID_OFFSET = 26;
    static final int COMPACT_RESERVED_OFFSET = 28;
    static final int EXTENDED_RESERVED_OFFSET = 6;
    static final int EXTENDED_SIZE_OFFSET = 8;
    static final int EXTENDED_UID_OFFSET = 24;
    static final int EXTENDED_GID_OFFSET = 28;
    static final int EXTENDED_MTIME_OFFSET = 32;
    static final int EXTENDED_MTIME_NSEC_OFFSET = 40;
    static final int EXTENDED_NLINK_OFFSET = 44;

    static final long MAX_COMPACT_ID = 0xFFFF;
    static final long MAX_COMPACT_NLINK = 0xFFFF;
    static final long MAX_COMPACT_SIZE = 0xFFFF_FFFFL;

    InodeHeader {
        if (!extended && !fitsCompact(uid, gid, nlink, size)) {
            throw new IllegalArgumentException("inode " + ino + " needs the extended form");
        }
        if (ino < 0 || ino > 0xFFFF_FFFFL || nlink > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("inode " + ino + ": ino or nlink beyond 32 bits");
        }
    }

    /**
     * Whether the 32-byte form can hold these values; the caller also checks that the mtime equals
     * the build time, the only time a compact inode can express.
     */
    static boolean fitsCompact(long uid, long gid, long nlink, long size) {
        return uid <= MAX_COMPACT_ID && gid <= MAX_COMPACT_ID && nlink <= MAX_COMPACT_NLINK && size <= MAX_COMPACT_SIZE;
    }

    static int size(boolean extended) {
        return extended ? EXTENDED_SIZE : COMPACT_SIZE;
    }

    int byteSize() {
        return size(extended);
    }

    /** Writes the inode at {@code target}'s position and advances past it. */
    void encode(ByteBuffer target) {
        ByteBuffer out = target.slice(target.position(), byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        int format = (extended ? VERSION_EXTENDED : 0) | (dataLayout << DATA_LAYOUT_SHIFT);
        out.putShort(FORMAT_OFFSET, (short) format);
        out.putShort(XATTR_COUNT_OFFSET, (short) xattrCount);
        out.putShort(MODE_OFFSET, (short) mode);
        out.putInt(I_U_OFFSET, startOrDevice);
        out.putInt(INO_OFFSET, (int) ino);
        if (extended) {
            out.putShort(EXTENDED_RESERVED_OFFSET, (short) 0);
            out.putLong(EXTENDED_SIZE_OFFSET, size);
            out.putInt(EXTENDED_UID_OFFSET, (int) uid);
            out.putInt(EXTENDED_GID_OFFSET, (int) gid);
            out.putLong(EXTENDED_MTIME_OFFSET, mtime.seconds());
            out.putInt(EXTENDED_MTIME_NSEC_OFFSET, mtime.nanos());
            out.putInt(EXTENDED_NLINK_OFFSET, (int) nlink);
            for (int i = EXTENDED_NLINK_OFFSET + 4; i < EXTENDED_SIZE; i++) {
                out.put(i, (byte) 0);
            }
        } else {
            out.putShort(COMPACT_NLINK_OFFSET, (short) nlink);
            out.putInt(COMPACT_SIZE_OFFSET, (int) size);
            out.putInt(COMPACT_MTIME_OFFSET, 0);
            out.putShort(COMPACT_UID_OFFSET, (short) uid);
            out.putShort(COMPACT_GID_OFFSET, (short) gid);
            out.putInt(COMPACT_RESERVED_OFFSET, 0);
        }
        target.position(target.position() + byteSize());
    }
}
