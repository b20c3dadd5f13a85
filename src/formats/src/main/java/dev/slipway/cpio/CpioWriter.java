package dev.slipway.cpio;

import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a tree as a newc cpio archive, the initramfs format: every name in the tree's
 * depth-first byte order (parents before children), the root as ".", then the TRAILER!!! entry.
 *
 * <p>The bytes depend only on the tree: inode numbers count up in that order, times are the tree's
 * (seconds), devices of the archive itself are 0. A hard link's data is written with each of its
 * names, which the kernel's unpacker and GNU cpio both take as separate files: an initramfs gains
 * nothing from sharing, and newc's rule that data follows only the last link would make the order
 * matter. Extended attributes are not part of newc and are refused rather than dropped unseen.
 */
public final class CpioWriter {

    static final String TRAILER = "TRAILER!!!";
    private static final int COPY_CHUNK = 1 << 20;

    private final OutputStream out;
    private long inode = 1;
    private long written;

    private CpioWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code tree} to {@code out} (not closed); returns the archive's length in bytes. */
    public static long write(FileTree tree, OutputStream out) throws IOException {
        CpioWriter writer = new CpioWriter(out);
        IOException[] failure = new IOException[1];
        tree.walk((path, node) -> {
            if (failure[0] != null) {
                return;
            }
            try {
                if (!node.metadata().xattrs().isEmpty()) {
                    throw new IllegalArgumentException("/" + path + " has extended attributes, which a newc cpio"
                            + " archive cannot hold");
                }
                writer.entry(path.isEmpty() ? "." : path, node);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        writer.header(TRAILER, new CpioHeader(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, TRAILER.length() + 1));
        return writer.written;
    }

    private void entry(String name, Node node) throws IOException {
        int mode = node.type().mode(node.metadata());
        long mtime = node.metadata().mtime().seconds();
        long uid = node.metadata().uid();
        long gid = node.metadata().gid();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        switch (node) {
            case Directory directory -> header(nameBytes, new CpioHeader(inode++, mode, uid, gid, 2, mtime, 0, 0, 0, 0,
                    0, nameBytes.length + 1L));
            case Symlink link -> {
                byte[] target = link.target().getBytes(StandardCharsets.UTF_8);
                header(nameBytes, new CpioHeader(inode++, mode, uid, gid, 1, mtime, target.length, 0, 0, 0, 0,
                        nameBytes.length + 1L));
                data(target);
            }
            case RegularFile file -> {
                header(nameBytes, new CpioHeader(inode++, mode, uid, gid, 1, mtime, file.size(), 0, 0, 0, 0,
                        nameBytes.length + 1L));
                copy(file);
            }
            case DeviceNode device -> header(nameBytes, new CpioHeader(inode++, mode, uid, gid, 1, mtime, 0, 0, 0,
                    device.major(), device.minor(), nameBytes.length + 1L));
            default -> header(nameBytes, new CpioHeader(inode++, mode, uid, gid, 1, mtime, 0, 0, 0, 0, 0,
                    nameBytes.length + 1L));
        }
    }

    private void header(String name, CpioHeader header) throws IOException {
        header(name.getBytes(StandardCharsets.US_ASCII), header);
    }

    private void header(byte[] name, CpioHeader header) throws IOException {
        byte[] encoded = header.encode();
        out.write(encoded);
        out.write(name);
        int pad = 1 + CpioHeader.padding(encoded.length + name.length + 1L);
        out.write(new byte[pad]);
        written += encoded.length + name.length + pad;
    }

    private void data(byte[] bytes) throws IOException {
        out.write(bytes);
        int pad = CpioHeader.padding(bytes.length);
        out.write(new byte[pad]);
        written += bytes.length + pad;
    }

    private void copy(RegularFile file) throws IOException {
        long size = file.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_CHUNK, Math.max(size, 1)));
        for (long offset = 0; offset < size; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), size - offset));
            file.content().read(offset, buffer);
            out.write(buffer.array(), 0, buffer.position());
            offset += buffer.position();
        }
        int pad = CpioHeader.padding(size);
        out.write(new byte[pad]);
        written += size + pad;
    }
}
