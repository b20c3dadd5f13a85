package dev.slipway.tree;

import java.util.Objects;

/**
 * What every file has besides its contents: permission bits (including setuid, setgid and sticky,
 * {@code 07777}; the file type lives in the node), owner, group, modification time and extended
 * attributes.
 *
 * <p>Owner and group ids go up to 2^32-2; 2^32-1 is (uid_t) -1, which Linux reserves to mean "no
 * change" and no filesystem can store.
 */
public record Metadata(int permissions, long uid, long gid, Timestamp mtime, Xattrs xattrs) {

    public static final long MAX_ID = 0xFFFF_FFFEL;
    public static final int PERMISSION_BITS = 07777;

    public Metadata {
        if ((permissions & ~PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException("mode has bits outside 07777: 0" + Integer.toOctalString(permissions));
        }
        checkId("uid", uid);
        checkId("gid", gid);
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(xattrs, "xattrs");
    }

    private static void checkId(String what, long id) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException(what + " " + id + " is out of range: ids go from 0 to "
                    + MAX_ID + " (" + (MAX_ID + 1) + " is -1, which means 'no owner' and cannot be stored)");
        }
    }

    public static Metadata of(int permissions, long uid, long gid, Timestamp mtime) {
        return new Metadata(permissions, uid, gid, mtime, Xattrs.empty());
    }

    public Metadata withMtime(Timestamp time) {
        return new Metadata(permissions, uid, gid, time, xattrs);
    }

    public Metadata withXattrs(Xattrs attributes) {
        return new Metadata(permissions, uid, gid, mtime, attributes);
    }
}
