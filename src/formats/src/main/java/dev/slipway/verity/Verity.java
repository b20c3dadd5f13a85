package dev.slipway.verity;

import dev.slipway.io.Progress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Builds and checks dm-verity hash areas exactly as {@code veritysetup format} and {@code
 * veritysetup verify} do: a 512-byte {@link VeritySuperblock} at the hash offset, then the hash
 * tree (see {@link TreeGeometry}) from the next hash block boundary.
 *
 * <p>The hash area may be in its own file (usually at offset 0) or appended to the data file after
 * the data, as Flatcar lays out its /usr partition; then {@code hash} and {@code data} are the
 * same path and the data blocks must end at or before {@code hashOffset}. Data always starts at
 * offset 0 of the data file, and the tree covers exactly {@link VerityParameters#dataBlocks()}
 * blocks: for Flatcar's layout, where the hash area follows the data directly, that is
 * {@code VerityParameters.forDataSize(hashOffset)} (with the salt and UUID replaced as wanted).
 *
 * <pre>{@code
 * VerityParameters p = VerityParameters.forDataSize(usrSize).withSalt(salt).withUuid(uuid);
 * VerityResult r = Verity.format(image, image, usrSize, p, progress);
 * // later, e.g. on the host:
 * Verity.verify(image, image, usrSize, r.rootHash(), progress).orThrow();
 * }</pre>
 *
 * <p>The data level is hashed on every core and the whole tree is held in memory (8 MiB per GiB of
 * data with 4 KiB blocks), then written with one positional write.
 */
public final class Verity {

    private Verity() {
    }

    /**
     * Hashes the first {@code parameters.dataBlocks()} blocks of {@code data} and writes the
     * superblock at {@code hashOffset} of {@code hash} followed by the tree. Only those bytes are
     * written: the file is created if missing but never truncated, and the gap between the
     * superblock and the tree keeps its contents (as with veritysetup). Nothing is synced to disk.
     *
     * @param hashOffset where the hash area starts in {@code hash}: a multiple of 512, at or after
     *                   the end of the data if both are the same file
     * @param progress   told the number of data bytes, then each chunk hashed
     * @throws IllegalArgumentException if the hash area would overlap the data
     * @throws VerityException          if {@code data} is shorter than the data blocks, or the tree
     *                                  too large to build in memory
     */
    public static VerityResult format(Path data, Path hash, long hashOffset, VerityParameters parameters,
                                      Progress progress) throws IOException {
        VeritySuperblock.checkOffset(hashOffset);
        TreeGeometry geometry = TreeGeometry.afterSuperblock(parameters, hashOffset);
        if (Files.exists(hash) && Files.isSameFile(data, hash) && parameters.dataSize() > hashOffset) {
            throw new IllegalArgumentException(overlap(parameters, hashOffset));
        }
        byte[] tree = new byte[TreeHashing.arraySize(geometry)];
        byte[] root;
        try (FileChannel in = FileChannel.open(data, StandardOpenOption.READ)) {
            requireLength(in, parameters.dataSize(), data, "its " + parameters.dataBlocks() + " data blocks");
            root = hashAll(in, parameters, geometry, tree, progress, "dm-verity format");
        }
        // No TRUNCATE_EXISTING: the file may hold the data, or other data after the hash area.
        try (FileChannel out = FileChannel.open(hash, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            ByteBuffer buffer = ByteBuffer.wrap(tree);
            while (buffer.hasRemaining()) {
                out.write(buffer, geometry.treeOffset() + buffer.position());
            }
            // A one-block volume has no tree; like veritysetup, still make the file reach the tree
            // offset. Only a byte past the end of the file is written.
            if (out.size() < geometry.treeEnd()) {
                out.write(ByteBuffer.allocate(1), geometry.treeEnd() - 1);
            }
            // The superblock last: in a fresh hash area, none claims a tree that is not complete yet.
            VeritySuperblock.of(parameters).write(out, hashOffset);
        }
        return new VerityResult(root, parameters, geometry, hashOffset);
    }

    /**
     * Checks {@code data} and the hash area at {@code hashOffset} of {@code hash} against a trusted
     * root hash, reading the parameters from the superblock. Everything is recomputed from the
     * root down: the top hash block against the root hash, each hash block against its verified
     * parent, then every data block against its verified digest; the result names the first block
     * that fails (see {@link VerityMismatch}).
     *
     * @param expectedRootHash the trusted root hash
     * @param progress         told the number of data bytes, then each chunk hashed
     * @throws VerityException if there is no usable superblock, the files are too short for the
     *                         tree it describes, or the data would overlap the hash area
     */
    public static VerificationResult verify(Path data, Path hash, long hashOffset, byte[] expectedRootHash,
                                            Progress progress) throws IOException {
        VeritySuperblock superblock = VeritySuperblock.read(hash, hashOffset);
        VerityParameters parameters = superblock.toParameters();
        if (expectedRootHash.length != parameters.digestSize()) {
            throw new IllegalArgumentException("root hash of " + expectedRootHash.length + " bytes; "
                    + parameters.algorithm() + " digests have " + parameters.digestSize());
        }
        TreeGeometry geometry = TreeGeometry.afterSuperblock(parameters, hashOffset);
        if (Files.isSameFile(data, hash) && parameters.dataSize() > hashOffset) {
            throw new VerityException(hash + ": " + overlap(parameters, hashOffset));
        }
        byte[] tree = new byte[TreeHashing.arraySize(geometry)];
        try (FileChannel in = FileChannel.open(hash, StandardOpenOption.READ)) {
            long end = geometry.levels() == 0 ? hashOffset + VeritySuperblock.SIZE : geometry.treeEnd();
            requireLength(in, end, hash, "the hash tree its superblock describes");
            ByteBuffer buffer = ByteBuffer.wrap(tree);
            while (buffer.hasRemaining()) {
                if (in.read(buffer, geometry.treeOffset() + buffer.position()) < 0) {
                    throw new VerityException(hash + " shrank while its hash tree was read");
                }
            }
        }
        VerityMismatch mismatch = checkTree(parameters, geometry, tree, expectedRootHash);
        if (mismatch == null) {
            mismatch = checkData(data, parameters, geometry, tree, expectedRootHash, progress);
        }
        return new VerificationResult(data, hash, parameters, geometry, mismatch);
    }

    /** Checks the stored hash levels from the root hash down; null when they all match. */
    private static VerityMismatch checkTree(VerityParameters parameters, TreeGeometry geometry, byte[] tree,
                                            byte[] expectedRoot) {
        int levels = geometry.levels();
        if (levels == 0) {
            return null;
        }
        BlockHasher hasher = new BlockHasher(parameters);
        int blockSize = geometry.hashBlockSize();
        long topOffset = geometry.levelOffset(levels - 1);
        byte[] top = new byte[parameters.digestSize()];
        hasher.hash(tree, TreeHashing.offsetIn(geometry, topOffset), blockSize, top, 0);
        if (!MessageDigest.isEqual(top, expectedRoot)) {
            return new VerityMismatch.RootHash(topOffset, expectedRoot, top);
        }
        byte[] digest = new byte[parameters.digestSize()];
        for (int level = levels - 1; level >= 1; level--) {
            for (long i = 0; i < geometry.levelBlocks(level - 1); i++) {
                long blockOffset = geometry.blockOffset(level - 1, i);
                hasher.hash(tree, TreeHashing.offsetIn(geometry, blockOffset), blockSize, digest, 0);
                if (!matches(digest, tree, TreeHashing.offsetIn(geometry, geometry.digestOffset(level, i)))) {
                    return new VerityMismatch.HashBlock(level - 1, i, blockOffset);
                }
            }
        }
        return null;
    }

    /** Hashes every data block and compares it with the verified level 0; null when all match. */
    private static VerityMismatch checkData(Path data, VerityParameters parameters, TreeGeometry geometry, byte[] tree,
                                            byte[] expectedRoot, Progress progress) throws IOException {
        long dataBlocks = parameters.dataBlocks();
        int slot = geometry.slotSize();
        byte[] computed = new byte[TreeHashing.arraySize(geometry)];
        byte[] root;
        try (FileChannel in = FileChannel.open(data, StandardOpenOption.READ)) {
            requireLength(in, parameters.dataSize(), data, "its " + dataBlocks + " data blocks");
            root = hashAll(in, parameters, geometry, computed, progress, "dm-verity verify");
        }
        if (geometry.levels() == 0) {
            return MessageDigest.isEqual(root, expectedRoot) ? null : new VerityMismatch.DataBlock(0, 0);
        }
        int level0 = TreeHashing.offsetIn(geometry, geometry.levelOffset(0));
        int digestSize = parameters.digestSize();
        // Find the first differing digest in bulk, then map it back to its block.
        int from = level0;
        int end = level0 + Math.toIntExact(dataBlocks * slot);
        while (from < end) {
            int at = Arrays.mismatch(computed, from, end, tree, from, end);
            if (at < 0) {
                return null;
            }
            long block = (from - level0 + at) / slot;
            // Bytes past the digest in a padded slot are covered by the parent's digest already.
            if ((from - level0 + at) % slot < digestSize) {
                return new VerityMismatch.DataBlock(block, block * parameters.dataBlockSize());
            }
            from = level0 + Math.toIntExact((block + 1) * slot);
        }
        return null;
    }

    private static byte[] hashAll(FileChannel in, VerityParameters parameters, TreeGeometry geometry, byte[] tree,
                                  Progress progress, String task) throws IOException {
        progress.start(task, parameters.dataSize());
        try {
            return TreeHashing.build(in, parameters, geometry, tree, progress);
        } finally {
            progress.finish();
        }
    }

    private static boolean matches(byte[] digest, byte[] tree, int offset) {
        return Arrays.equals(digest, 0, digest.length, tree, offset, offset + digest.length);
    }

    private static void requireLength(FileChannel channel, long length, Path file, String what) throws IOException {
        long size = channel.size();
        if (size < length) {
            throw new VerityException(file + " is " + size + " bytes, too short for " + what + " (" + length + " bytes)");
        }
    }

    private static String overlap(VerityParameters parameters, long hashOffset) {
        return "data area (" + parameters.dataBlocks() + " blocks, " + parameters.dataSize()
                + " bytes) overlaps the hash area at offset " + hashOffset;
    }
}
