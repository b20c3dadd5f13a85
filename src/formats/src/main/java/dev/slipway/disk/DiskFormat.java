package dev.slipway.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** The disk image formats Slipway reads and writes. */
public enum DiskFormat {

    /** The disk's bytes as they are, nothing else. */
    RAW,
    /** A VHD: the disk's bytes then a 512-byte footer (only fixed VHDs are read and written). */
    VHD,
    /** [MS-VHDX], the Hyper-V format with a block allocation table. */
    VHDX;

    /** "vhdxfile" at offset 0: the VHDX file type identifier's signature. */
    private static final byte[] VHDX_SIGNATURE = "vhdxfile".getBytes(StandardCharsets.US_ASCII);
    /** "conectix": the VHD footer's cookie, at the end of every VHD and at 0 of dynamic ones. */
    private static final byte[] VHD_COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);
    private static final int VHD_FOOTER_SIZE = 512;

    /**
     * The format of {@code file} by its content: VHDX if it starts with "vhdxfile", VHD if its
     * last 512 bytes (or, for dynamic VHDs, its first) start with "conectix", raw otherwise.
     */
    public static DiskFormat detect(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (startsWith(channel, 0, VHDX_SIGNATURE)) {
                return VHDX;
            }
            if (size >= VHD_FOOTER_SIZE
                    && (startsWith(channel, size - VHD_FOOTER_SIZE, VHD_COOKIE) || startsWith(channel, 0, VHD_COOKIE))) {
                return VHD;
            }
            return RAW;
        }
    }

    /** The format named by {@code name} ("raw", "vhd" or "vhdx", any case). */
    public static DiskFormat of(String name) {
        for (DiskFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown disk format '" + name + "': expected raw, vhd or vhdx");
    }

    private static boolean startsWith(FileChannel channel, long offset, byte[] expected) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(expected.length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                return false;
            }
        }
        return Arrays.equals(buffer.array(), expected);
    }
}
