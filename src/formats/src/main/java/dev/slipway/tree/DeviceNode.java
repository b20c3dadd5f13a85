package dev.slipway.tree;

import java.util.Objects;

/** A character or block device: Linux majors go to 2^12-1, minors to 2^20-1. */
public record DeviceNode(Metadata metadata, FileType type, int major, int minor) implements Node {

    public static final int MAX_MAJOR = 0xFFF;
    public static final int MAX_MINOR = 0xFFFFF;

    public DeviceNode {
        Objects.requireNonNull(metadata, "metadata");
        if (type != FileType.CHAR_DEVICE && type != FileType.BLOCK_DEVICE) {
            throw new IllegalArgumentException("not a device type: " + type);
        }
        if (major < 0 || major > MAX_MAJOR || minor < 0 || minor > MAX_MINOR) {
            throw new IllegalArgumentException("device number " + major + ":" + minor + " out of range");
        }
    }

    /** The kernel's 32-bit {@code new_encode_dev} form, as EROFS and ext4 store it. */
    public int encodedDevice() {
        return (minor & 0xFF) | (major << 8) | ((minor & ~0xFF) << 12);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
