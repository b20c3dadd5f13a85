package dev.slipway.tree;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The extended attributes of one file: full names ({@code user.foo}, {@code security.capability})
 * to raw values, sorted by name so that every writer sees them in one order. Immutable; values are
 * copied in and out.
 */
public final class Xattrs {

    private static final Xattrs EMPTY = new Xattrs(new TreeMap<>());

    /** Linux limits: XATTR_NAME_MAX and XATTR_SIZE_MAX. */
    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_VALUE_BYTES = 65536;

    private final NavigableMap<String, byte[]> values;

    private Xattrs(NavigableMap<String, byte[]> values) {
        this.values = values;
    }

    public static Xattrs empty() {
        return EMPTY;
    }

    public static Xattrs of(Map<String, byte[]> attributes) {
        if (attributes.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, byte[]> copy = new TreeMap<>(Names.BYTE_ORDER);
        attributes.forEach((name, value) -> {
            Objects.requireNonNull(value, name);
            int nameBytes = Names.utf8Length(name);
            if (nameBytes > MAX_NAME_BYTES || name.indexOf('\0') >= 0 || !hasLinuxNamespace(name)) {
                throw new IllegalArgumentException("invalid xattr name '" + name
                        + "': Linux takes names of at most 255 bytes, without NUL, in the user., trusted., security."
                        + " or system. namespace");
            }
            if (value.length > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("xattr '" + name + "' value exceeds 64 KiB");
            }
            copy.put(name, value.clone());
        });
        return new Xattrs(copy);
    }

    private static boolean hasLinuxNamespace(String name) {
        for (String namespace : new String[] {"user.", "trusted.", "security.", "system."}) {
            if (name.startsWith(namespace) && name.length() > namespace.length()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public int size() {
        return values.size();
    }

    /** Names in byte order. */
    public java.util.Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A copy of the value, or {@code null} when absent. */
    public byte[] get(String name) {
        byte[] value = values.get(name);
        return value == null ? null : value.clone();
    }

    /** Visits each attribute in name order; the value array must not be modified. */
    public void forEach(BiConsumer<String, byte[]> visitor) {
        values.forEach(visitor);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Xattrs other) || other.values.size() != values.size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            h = 31 * h + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return values.keySet().toString();
    }
}
