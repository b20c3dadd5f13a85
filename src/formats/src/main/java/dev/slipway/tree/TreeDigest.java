package dev.slipway.tree;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A SHA-256 over a tree's canonical listing: every path in byte order with its type, mode, owner,
 * group, mtime, xattrs, size, link target or device number, and hard-link grouping. File contents
 * are represented by their sizes only, so the digest costs no file reads.
 *
 * <p>It is the build seed when nothing else gives one: the same tree, read from a directory or
 * from a tarball, yields the same seed and so the same filesystem UUID, never a random one.
 */
public final class TreeDigest {

    private TreeDigest() {
    }

    public static byte[] of(FileTree tree) {
        MessageDigest sha = sha256();
        Map<Node, Integer> firstSeen = new IdentityHashMap<>();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(record);
        tree.walk((path, node) -> {
            record.reset();
            try {
                writeRecord(out, path, node, firstSeen);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sha.update(ByteBuffer.allocate(4).putInt(record.size()).array());
            sha.update(record.toByteArray());
        });
        return sha.digest();
    }

    /** A version-8 (hash-based) UUID from the first 16 bytes of a seed digest. */
    public static UUID uuidFrom(byte[] seed) {
        ByteBuffer b = ByteBuffer.wrap(seed, 0, 16);
        long high = b.getLong();
        long low = b.getLong();
        high = (high & ~0xF000L) | 0x8000L;
        low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    private static void writeRecord(DataOutputStream out, String path, Node node, Map<Node, Integer> firstSeen)
            throws IOException {
        out.write(Names.utf8(path));
        out.writeByte(0);
        Metadata m = node.metadata();
        out.writeInt(node.type().mode(m));
        out.writeLong(m.uid());
        out.writeLong(m.gid());
        out.writeLong(m.mtime().seconds());
        out.writeInt(m.mtime().nanos());
        out.writeInt(m.xattrs().size());
        m.xattrs().forEach((name, value) -> {
            try {
                out.write(Names.utf8(name));
                out.writeByte(0);
                out.writeInt(value.length);
                out.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Integer link = firstSeen.putIfAbsent(node, firstSeen.size());
        out.writeInt(link == null ? -1 : link);
        switch (node) {
            case RegularFile f -> out.writeLong(f.size());
            case Symlink s -> out.write(Names.utf8(s.target()));
            case DeviceNode d -> out.writeInt(d.encodedDevice());
            case Fifo f -> { }
            case Directory d -> out.writeInt(d.entries().size());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
