package dev.slipway.source;

import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** The {@code lstat} of one file, from the JDK's "unix" attribute view (symlinks not followed). */
record UnixStat(int mode, long uid, long gid, long size, Timestamp mtime, long dev, long ino, int nlink, long rdev) {

    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 0060000;
    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;

    /*
     * Named rather than "unix:*": the wildcard also builds the owner and group principals, which
     * costs a getpwuid/getgrgid (an NSS lookup) per file and dominated reading large trees.
     */
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,dev,ino,nlink,rdev";

    static UnixStat of(Path file) throws IOException {
        Map<String, Object> a = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return new UnixStat(
                (Integer) a.get("mode"),
                Integer.toUnsignedLong((Integer) a.get("uid")),
                Integer.toUnsignedLong((Integer) a.get("gid")),
                (Long) a.get("size"),
                Timestamp.of(((FileTime) a.get("lastModifiedTime")).toInstant()),
                (Long) a.get("dev"),
                (Long) a.get("ino"),
                (Integer) a.get("nlink"),
                (Long) a.get("rdev"));
    }

    int format() {
        return mode & S_IFMT;
    }

    /** The major number of {@code rdev} as glibc's {@code gnu_dev_major} decodes it. */
    int major() {
        return (int) (((rdev >>> 32) & 0xFFFF_F000L) | ((rdev >>> 8) & 0xFFFL));
    }

    /** The minor number of {@code rdev} as glibc's {@code gnu_dev_minor} decodes it. */
    int minor() {
        return (int) (((rdev >>> 12) & 0xFFFF_FF00L) | (rdev & 0xFFL));
    }
}
