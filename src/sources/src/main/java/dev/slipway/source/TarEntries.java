package dev.slipway.source;

import dev.slipway.tree.Content;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.EntryPath;
import dev.slipway.tree.Fifo;
import dev.slipway.tree.FileType;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.tree.Xattrs;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Turns the entries of one tar stream into tree entries: the checks and conversions a tarball and
 * an OCI image layer share. File data goes into the {@link Spool}; everything else goes to a
 * {@link Target}, which decides what an entry does to the tree.
 *
 * <p>Entry types: regular ('0', NUL, contiguous '7', old GNU sparse 'S'; with a trailing slash
 * the old way of spelling a directory), hard link, symlink, character and block device, directory,
 * fifo. A GNU incremental dump directory ('D') is read as a plain directory and a GNU volume label
 * ('V') is skipped, both with a warning, as {@code tar -x} does. A multi-volume continuation ('M'),
 * the obsolete GNU 'N' long-name record and any unknown type are refused.
 */
final class TarEntries {

    /** Where converted entries go; the methods mean what {@link TreeBuilder}'s do. */
    interface Target {
        void addDirectory(String rawPath, Metadata metadata) throws IOException;

        void add(String rawPath, Node node) throws IOException;

        void addHardlink(String rawPath, String rawTarget) throws IOException;

        /** Every entry straight into {@code builder}: a plain tarball. */
        static Target of(TreeBuilder builder) {
            return new Target() {
                @Override
                public void addDirectory(String rawPath, Metadata metadata) throws IOException {
                    builder.addDirectory(rawPath, metadata);
                }

                @Override
                public void add(String rawPath, Node node) throws IOException {
                    builder.add(rawPath, node);
                }

                @Override
                public void addHardlink(String rawPath, String rawTarget) throws IOException {
                    builder.addHardlink(rawPath, rawTarget);
                }
            };
        }
    }

    private final TarReader reader;
    private final Spool spool;
    private final Consumer<String> warnings;

    TarEntries(TarReader reader, Spool spool, Consumer<String> warnings) {
        this.reader = reader;
        this.spool = spool;
        this.warnings = warnings;
    }

    /** Converts {@code entry}, the one {@link TarReader#next()} returned last, and hands it to {@code target}. */
    void add(TarReader.Entry entry, Target target) throws IOException {
        String name = entry.name();
        byte flag = entry.header().getLinkFlag();
        if ("12346".indexOf(flag) >= 0) {
            checkNoData(entry, flag);
        }
        switch (flag) {
            case '0', 0, '7', 'S' -> {
                if (name.endsWith("/") && entry.dataSize() > 0) {
                    throw new InvalidEntryException(name, "a regular-file entry whose name ends in '/' and that carries"
                            + " data: tar programs disagree on whether it is a directory; refusing the ambiguity");
                } else if (name.endsWith("/")) {
                    target.addDirectory(name, metadata(entry));
                } else {
                    EntryPath.parse(name);
                    Metadata metadata = metadata(entry);
                    Content content = reader.spool(entry, spool);
                    target.add(name, new RegularFile(metadata, content));
                }
            }
            case '1' -> target.addHardlink(name, entry.linkName());
            case '2' -> symlink(entry, target);
            case '3' -> device(entry, FileType.CHAR_DEVICE, target);
            case '4' -> device(entry, FileType.BLOCK_DEVICE, target);
            case '5' -> target.addDirectory(name, metadata(entry));
            case '6' -> target.add(name, new Fifo(metadata(entry)));
            case 'D' -> {
                warnings.accept("entry '" + name + "' is a GNU incremental dump directory; reading it as a plain"
                        + " directory, as tar -x does");
                target.addDirectory(name, metadata(entry));
                reader.skipDumpDirectory(entry);
            }
            case 'V' -> warnings.accept("skipping the GNU volume label '" + name + "': it is not a file");
            case 'M' -> throw new InvalidEntryException(name, "this is the continuation of a multi-volume archive;"
                    + " Slipway reads single-volume archives only: join the volumes with tar -M into one archive");
            case 'N' -> throw new InvalidEntryException(name, "old GNU long-name record ('N'), which GNU tar itself"
                    + " no longer extracts; repack the archive with a current tar");
            default -> throw new InvalidEntryException(name, "entry type '" + printable(flag)
                    + "' is not a file type Slipway knows; refusing it rather than guessing what it is");
        }
    }

    /** True for an entry that {@link #add} makes a directory of, or refuses for looking like one. */
    static boolean isDirectory(TarReader.Entry entry) {
        byte flag = entry.header().getLinkFlag();
        return flag == '5' || flag == 'D' || entry.name().endsWith("/");
    }

    /**
     * Links, devices and fifos never carry data, and their names never end in '/'; Commons
     * Compress and tar programs disagree on how to read such entries, so they are refused
     * (a hard link with data is the exception: some PAX writers make them, and the data is skipped).
     */
    private static void checkNoData(TarReader.Entry entry, byte flag) throws InvalidEntryException {
        if (entry.name().endsWith("/")) {
            throw new InvalidEntryException(entry.name(), "a " + describe(flag) + " entry whose name ends in '/';"
                    + " tar programs disagree on what that is; refusing the ambiguity");
        }
        if (flag != '1' && entry.header().getSize() > 0) {
            throw new InvalidEntryException(entry.name(), "a " + describe(flag) + " entry that carries "
                    + entry.header().getSize() + " bytes of data, which that type never has; refusing the ambiguity");
        }
    }

    private static String describe(byte flag) {
        return switch (flag) {
            case '1' -> "hard link";
            case '2' -> "symlink";
            case '3' -> "character device";
            case '4' -> "block device";
            default -> "fifo";
        };
    }

    private void symlink(TarReader.Entry entry, Target target) throws IOException {
        if (entry.linkName().isEmpty()) {
            throw new InvalidEntryException(entry.name(), "symlink with an empty target");
        }
        Metadata metadata = metadata(entry);
        Symlink symlink;
        try {
            symlink = new Symlink(metadata, entry.linkName());
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(entry.name(), e.getMessage());
        }
        target.add(entry.name(), symlink);
    }

    private void device(TarReader.Entry entry, FileType type, Target target) throws IOException {
        Metadata metadata = metadata(entry);
        long major = entry.devMajor();
        long minor = entry.devMinor();
        DeviceNode node;
        try {
            if (major > DeviceNode.MAX_MAJOR || minor > DeviceNode.MAX_MINOR) {
                throw new IllegalArgumentException();
            }
            node = new DeviceNode(metadata, type, (int) major, (int) minor);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(entry.name(), "device number " + major + ":" + minor
                    + " is out of range: Linux majors go to " + DeviceNode.MAX_MAJOR + ", minors to " + DeviceNode.MAX_MINOR);
        }
        target.add(entry.name(), node);
    }

    private Metadata metadata(TarReader.Entry entry) throws InvalidEntryException {
        String name = entry.name();
        long uid = entry.uid();
        long gid = entry.gid();
        checkId(name, "owner uid", uid);
        checkId(name, "group gid", gid);
        Timestamp mtime = entry.pax().mtime(name);
        if (mtime == null) {
            mtime = Timestamp.of(entry.header().getLastModifiedTime().toInstant());
        }
        Xattrs xattrs = entry.pax().xattrs(name, warnings);
        String unsupported = entry.pax().unsupportedKeywords();
        if (!unsupported.isEmpty()) {
            warnings.accept("entry '" + name + "': dropping " + unsupported
                    + ", which Slipway cannot store (ACLs and file flags are not supported)");
        }
        return new Metadata(entry.header().getMode() & Metadata.PERMISSION_BITS, uid, gid, mtime, xattrs);
    }

    private static void checkId(String name, String what, long id) throws InvalidEntryException {
        if (id == -1 || id == 0xFFFF_FFFFL) {
            throw new InvalidEntryException(name, what + " is -1 (4294967295), which Linux reserves to mean 'no owner'"
                    + " and no filesystem can store; give the file a real owner before packing (e.g. tar --owner=0 --group=0)");
        }
        if (id < 0 || id > Metadata.MAX_ID) {
            throw new InvalidEntryException(name, what + " " + id + " is out of range: ids go from 0 to " + Metadata.MAX_ID);
        }
    }

    private static String printable(byte flag) {
        return flag >= 0x20 && flag < 0x7F ? String.valueOf((char) flag) : String.format("\\x%02x", flag & 0xFF);
    }
}
