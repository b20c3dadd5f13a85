package dev.slipway.erofs;

import dev.slipway.tree.Content;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A directory's contents as EROFS stores them: entries ("." and ".." included) sorted by unsigned
 * name bytes across the whole directory, packed into 4096-byte blocks. Each block holds its
 * 12-byte dirents, then their names without terminators; an entry never straddles two blocks.
 * The kernel finds a name's length from the next dirent's name offset, and the last name's from the
 * end of the block (or of the directory) or a NUL, so a full block is zero-padded and the
 * directory's size ends exactly after the last name.
 *
 * <p>The packing depends on names alone, so the size is known while planning; dirents are encoded
 * only when written, once every target's nid is known. Read through {@link Content} like any other
 * payload.
 */
final class DirectoryBlocks implements Content {

    static final int BLOCK = ErofsImage.BLOCK_SIZE;
    static final int DIRENT_SIZE = 12;
    static final int NID_OFFSET = 0;
    static final int NAMEOFF_OFFSET = 8;
    static final int FILE_TYPE_OFFSET = 10;

    /** Where an entry points. */
    interface Target {
        long nid();

        /** The EROFS_FT_* value of the target. */
        int fileType();
    }

    private final byte[][] names;
    private final Target[] targets;
    /** Index of the first entry of each block, and a final entry count. */
    private final int[] blockStarts;
    private final long size;

    private DirectoryBlocks(byte[][] names, Target[] targets, int[] blockStarts, long size) {
        this.names = names;
        this.targets = targets;
        this.blockStarts = blockStarts;
        this.size = size;
    }

    /** Packs entries; their order does not matter, they are sorted here. Names must be unique. */
    static DirectoryBlocks pack(List<byte[]> entryNames, List<? extends Target> entryTargets) {
        int n = entryNames.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(entryNames.get(a), entryNames.get(b)));
        byte[][] names = new byte[n][];
        Target[] targets = new Target[n];
        for (int i = 0; i < n; i++) {
            names[i] = entryNames.get(order[i]);
            targets[i] = entryTargets.get(order[i]);
            if (i > 0 && Arrays.equals(names[i - 1], names[i])) {
                throw new IllegalArgumentException("duplicate directory entry " + new String(names[i], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        List<Integer> starts = new ArrayList<>();
        int used = BLOCK;
        for (int i = 0; i < n; i++) {
            int need = DIRENT_SIZE + names[i].length;
            if (used + need > BLOCK) {
                starts.add(i);
                used = 0;
            }
            used += need;
        }
        starts.add(n);
        int[] blockStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        long size = (long) (blockStarts.length - 2) * BLOCK + used;
        return new DirectoryBlocks(names, targets, blockStarts, size);
    }

    int blockCount() {
        return blockStarts.length - 1;
    }

    @Override
    public long size() {
        return size;
    }

    /** Bytes of block {@code b} that belong to the directory: 4096, except maybe for the last. */
    int blockLength(int b) {
        return b < blockCount() - 1 ? BLOCK : (int) (size - (long) b * BLOCK);
    }

    /** Writes block {@code b}, {@link #blockLength} bytes, at {@code target}'s position. */
    void encodeBlock(int b, ByteBuffer target) {
        int first = blockStarts[b];
        int end = blockStarts[b + 1];
        int start = target.position();
        ByteBuffer block = target.slice(start, blockLength(b)).order(ByteOrder.LITTLE_ENDIAN);
        int nameOffset = (end - first) * DIRENT_SIZE;
        for (int i = first; i < end; i++) {
            int at = (i - first) * DIRENT_SIZE;
            block.putLong(at + NID_OFFSET, targets[i].nid());
            block.putShort(at + NAMEOFF_OFFSET, (short) nameOffset);
            block.put(at + FILE_TYPE_OFFSET, (byte) targets[i].fileType());
            block.put(at + FILE_TYPE_OFFSET + 1, (byte) 0);
            block.put(nameOffset, names[i]);
            nameOffset += names[i].length;
        }
        for (int i = nameOffset; i < block.limit(); i++) {
            block.put(i, (byte) 0);
        }
        target.position(start + block.limit());
    }

    @Override
    public void read(long offset, ByteBuffer destination) {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        while (destination.hasRemaining()) {
            int b = (int) (offset / BLOCK);
            int within = (int) (offset % BLOCK);
            block.clear();
            encodeBlock(b, block);
            int n = Math.min(destination.remaining(), blockLength(b) - within);
            if (n <= 0) {
                throw new IndexOutOfBoundsException("read past the end of a directory");
            }
            destination.put(block.array(), within, n);
            offset += n;
        }
    }

    @Override
    public void copyTo(long offset, long length, FileChannel target, long targetPosition) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, 64 * BLOCK));
        long done = 0;
        while (done < length) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - done));
            read(offset + done, buffer);
            buffer.flip();
            while (buffer.hasRemaining()) {
                done += target.write(buffer, targetPosition + done);
            }
        }
    }
}
