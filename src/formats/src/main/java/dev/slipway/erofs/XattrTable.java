package dev.slipway.erofs;

import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Xattrs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Extended attributes: which ones go to the shared area (an identical name and value on two or more
 * inodes), and the encoding of the shared area and of each inode's xattr body. The shared area
 * lists attributes in the order the inode layout first meets them, which is deterministic.
 */
final class XattrTable {

    static final int IBODY_HEADER_SIZE = 12;
    static final int IBODY_SHARED_COUNT_OFFSET = 4;
    static final int ENTRY_HEADER_SIZE = 4;
    static final int ENTRY_NAME_LEN_OFFSET = 0;
    static final int ENTRY_NAME_INDEX_OFFSET = 1;
    static final int ENTRY_VALUE_SIZE_OFFSET = 2;
    static final int MAX_SHARED_PER_INODE = 0xFF;
    static final int MAX_VALUE_SIZE = 0xFFFF;
    static final int MAX_XATTR_COUNT = 0xFFFF;

    static final int INDEX_USER = 1;
    static final int INDEX_POSIX_ACL_ACCESS = 2;
    static final int INDEX_POSIX_ACL_DEFAULT = 3;
    static final int INDEX_TRUSTED = 4;
    static final int INDEX_SECURITY = 6;

    private static final List<Map.Entry<String, Integer>> PREFIXES = List.of(
            Map.entry("user.", INDEX_USER), Map.entry("trusted.", INDEX_TRUSTED), Map.entry("security.", INDEX_SECURITY));

    /** An attribute name split into the on-disk prefix index and the rest. */
    record Name(int index, byte[] suffix) {
    }

    /** Name and value, compared by content: the key for sharing. */
    record Attribute(String name, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Attribute a && a.name.equals(name) && Arrays.equals(a.value, value);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(value);
        }
    }

    /** One shared attribute and where it sits, in bytes from the start of the shared area. */
    private record Shared(Attribute attribute, Name name, long areaOffset) {
    }

    private final Map<Attribute, Shared> shared;
    private final long areaSize;
    private long baseId;

    private XattrTable(Map<Attribute, Shared> shared, long areaSize) {
        this.shared = shared;
        this.areaSize = areaSize;
    }

    /**
     * Counts attributes over all inodes (each {@code Xattrs} is one inode, in layout order) and
     * picks the shared ones; {@code pathOf} names an inode for error messages.
     */
    static XattrTable plan(List<Xattrs> inodes, IntFunction<String> pathOf) throws InvalidEntryException {
        Map<Attribute, int[]> seen = new LinkedHashMap<>();
        for (int i = 0; i < inodes.size(); i++) {
            for (Attribute a : attributes(inodes.get(i))) {
                check(pathOf, i, a.name(), a.value());
                seen.computeIfAbsent(a, k -> new int[1])[0]++;
            }
        }
        Map<Attribute, Shared> shared = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<Attribute, int[]> e : seen.entrySet()) {
            if (e.getValue()[0] >= 2) {
                Attribute a = e.getKey();
                Name name = split(a.name());
                shared.put(a, new Shared(a, name, offset));
                offset += entrySize(name, a.value().length);
            }
        }
        return new XattrTable(shared, offset);
    }

    /** The attributes in name order, sharing the tree's value arrays (never modified here). */
    private static List<Attribute> attributes(Xattrs xattrs) {
        List<Attribute> list = new ArrayList<>(xattrs.size());
        xattrs.forEach((name, value) -> list.add(new Attribute(name, value)));
        return list;
    }

    private static void check(IntFunction<String> pathOf, int inode, String name, byte[] value)
            throws InvalidEntryException {
        if (split(name) == null) {
            throw new InvalidEntryException(pathOf.apply(inode), "extended attribute '" + name + "' cannot be stored in EROFS: only"
                    + " user.*, trusted.*, security.*, system.posix_acl_access and system.posix_acl_default can");
        }
        if (value.length > MAX_VALUE_SIZE) {
            throw new InvalidEntryException(pathOf.apply(inode), "extended attribute '" + name + "' has a " + value.length
                    + "-byte value; EROFS stores at most " + MAX_VALUE_SIZE);
        }
    }

    /** The prefix index and suffix of {@code name}, or {@code null} when EROFS has no index for it. */
    static Name split(String name) {
        if (name.equals("system.posix_acl_access")) {
            return new Name(INDEX_POSIX_ACL_ACCESS, new byte[0]);
        }
        if (name.equals("system.posix_acl_default")) {
            return new Name(INDEX_POSIX_ACL_DEFAULT, new byte[0]);
        }
        for (var prefix : PREFIXES) {
            if (name.startsWith(prefix.getKey()) && name.length() > prefix.getKey().length()) {
                return new Name(prefix.getValue(), name.substring(prefix.getKey().length()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return null;
    }

    static int entrySize(Name name, int valueSize) {
        return align4(ENTRY_HEADER_SIZE + name.suffix().length + valueSize);
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }

    int sharedCount() {
        return shared.size();
    }

    long areaSize() {
        return areaSize;
    }

    /**
     * Fixes where the shared area starts, in bytes from the start of block {@code xattrBlkaddr};
     * shared ids count 4-byte words from there.
     */
    void placeArea(long offsetFromXattrBlock) {
        if ((offsetFromXattrBlock & 3) != 0) {
            throw new IllegalArgumentException("shared xattr area must be 4-byte aligned");
        }
        if ((offsetFromXattrBlock + areaSize) / 4 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("shared xattr area too large for 32-bit ids");
        }
        this.baseId = offsetFromXattrBlock / 4;
    }

    /** The xattr body of one inode: shared references, then inline entries. */
    Body body(Xattrs xattrs, Supplier<String> pathForErrors) throws InvalidEntryException {
        if (xattrs.isEmpty()) {
            return Body.NONE;
        }
        List<Shared> refs = new ArrayList<>();
        List<Attribute> inline = new ArrayList<>();
        long size = IBODY_HEADER_SIZE;
        for (Attribute a : attributes(xattrs)) {
            Shared s = shared.get(a);
            if (s != null && refs.size() < MAX_SHARED_PER_INODE) {
                refs.add(s);
                size += 4;
            } else {
                inline.add(a);
                size += entrySize(split(a.name()), a.value().length);
            }
        }
        if ((size - IBODY_HEADER_SIZE) / 4 + 1 > MAX_XATTR_COUNT) {
            throw new InvalidEntryException(pathForErrors.get(), "extended attributes take " + size
                    + " bytes; an EROFS inode holds at most " + (IBODY_HEADER_SIZE + 4L * (MAX_XATTR_COUNT - 1)));
        }
        return new Body(this, refs, inline, (int) size);
    }

    /** Writes the whole shared area through {@code out}. */
    void writeArea(MetadataWriter out) throws IOException {
        for (Shared s : shared.values()) {
            ByteBuffer b = out.reserve(entrySize(s.name(), s.attribute().value().length));
            encodeEntry(s.name(), s.attribute().value(), b);
        }
    }

    static void encodeEntry(Name name, byte[] value, ByteBuffer target) {
        int start = target.position();
        target.order(ByteOrder.LITTLE_ENDIAN);
        target.put(start + ENTRY_NAME_LEN_OFFSET, (byte) name.suffix().length);
        target.put(start + ENTRY_NAME_INDEX_OFFSET, (byte) name.index());
        target.putShort(start + ENTRY_VALUE_SIZE_OFFSET, (short) value.length);
        target.position(start + ENTRY_HEADER_SIZE);
        target.put(name.suffix()).put(value);
        int end = start + entrySize(name, value.length);
        while (target.position() < end) {
            target.put((byte) 0);
        }
    }

    /** One inode's xattr body; {@link #size} bytes right after the inode. */
    static final class Body {
        static final Body NONE = new Body(null, List.of(), List.of(), 0);

        private final XattrTable table;
        private final List<Shared> refs;
        private final List<Attribute> inline;
        private final int size;

        private Body(XattrTable table, List<Shared> refs, List<Attribute> inline, int size) {
            this.table = table;
            this.refs = refs;
            this.inline = inline;
            this.size = size;
        }

        int size() {
            return size;
        }

        /** i_xattr_icount: the body counted as the 12-byte header plus 4-byte words. */
        int icount() {
            return size == 0 ? 0 : (size - IBODY_HEADER_SIZE) / 4 + 1;
        }

        void encode(ByteBuffer target) {
            if (size == 0) {
                return;
            }
            int start = target.position();
            target.order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < IBODY_HEADER_SIZE; i++) {
                target.put(start + i, (byte) 0);
            }
            target.put(start + IBODY_SHARED_COUNT_OFFSET, (byte) refs.size());
            target.position(start + IBODY_HEADER_SIZE);
            for (Shared s : refs) {
                target.putInt((int) (table.baseId + s.areaOffset() / 4));
            }
            for (Attribute a : inline) {
                encodeEntry(split(a.name()), a.value(), target);
            }
        }
    }
}
