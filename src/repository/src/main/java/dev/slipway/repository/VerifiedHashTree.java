package dev.slipway.repository;

import dev.slipway.verity.BlockHasher;
import dev.slipway.verity.TreeGeometry;
import dev.slipway.verity.VerityException;
import dev.slipway.verity.VerityParameters;
import dev.slipway.verity.VeritySuperblock;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A dm-verity hash area checked, level by level, against a trusted root hash, which then checks
 * data blocks one at a time. The root hash comes from the signed manifest; once {@link #load}
 * returns, every digest in the tree is as trustworthy as it, so a data block that matches its
 * leaf digest is exactly the block the signer built, and the agent can write it to the inactive
 * slot before it has seen the rest of the image.
 *
 * <p>The area is what usr.img holds from its hash offset (the end of the filesystem, a multiple of
 * 4096): veritysetup's 512-byte superblock padded with zeros to 4096 bytes, then the tree, top
 * level first (see {@link TreeGeometry}). Only what Slipway writes is accepted: format version 1,
 * SHA-256, 4096-byte data and hash blocks. Levels are numbered as in {@link TreeGeometry}: level 0
 * holds the data blocks' digests.
 *
 * <p>Instances are immutable (the area is copied in) and safe to share between threads.
 */
public final class VerifiedHashTree {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final VerityParameters parameters;
    private final TreeGeometry geometry;
    private final byte[] area;
    private final byte[] rootHash;

    private VerifiedHashTree(VerityParameters parameters, TreeGeometry geometry, byte[] area, byte[] rootHash) {
        this.parameters = parameters;
        this.geometry = geometry;
        this.area = area;
        this.rootHash = rootHash;
    }

    /**
     * Parses the superblock of {@code verityArea} and checks every hash block of the tree, from the
     * top block against {@code rootHashHex} down to level 0, each against the digest its (already
     * checked) parent holds for it.
     *
     * @param rootHashHex the root hash from the signed manifest, lowercase hex
     * @param dataBlocks  the number of 4096-byte data blocks the manifest's data size gives
     * @throws PayloadException if the superblock is damaged or describes another tree, the area's
     *                          size does not match the tree, or a hash block (named by level and
     *                          index) does not match
     */
    public static VerifiedHashTree load(byte[] verityArea, String rootHashHex, long dataBlocks) throws PayloadException {
        if (rootHashHex == null || !SHA256_HEX.matcher(rootHashHex).matches()) {
            throw new PayloadException("root hash \"" + rootHashHex + "\" is not a SHA-256 digest in lowercase hex");
        }
        byte[] area = verityArea.clone();
        VerityParameters parameters = parameters(area, dataBlocks);
        // Offsets relative to the area: its superblock is at 0 and the tree starts at 4096.
        TreeGeometry geometry = TreeGeometry.afterSuperblock(parameters, 0);
        if (area.length != geometry.treeEnd()) {
            throw new PayloadException("the verity area is " + area.length + " bytes, expected " + geometry.treeEnd()
                    + " for " + dataBlocks + " data blocks (superblock block and " + geometry.hashBlocks()
                    + " hash blocks)");
        }
        int padding = Arrays.mismatch(area, VeritySuperblock.SIZE, (int) geometry.treeOffset(),
                new byte[(int) geometry.treeOffset()], VeritySuperblock.SIZE, (int) geometry.treeOffset());
        if (padding >= 0) {
            // Not covered by any digest: zeros, as veritysetup leaves them, so nothing unchecked is written.
            throw new PayloadException("the verity area has a non-zero byte at offset " + (VeritySuperblock.SIZE + padding)
                    + ", between the superblock and the tree");
        }
        byte[] root = HexFormat.of().parseHex(rootHashHex);
        checkTree(parameters, geometry, area, root);
        return new VerifiedHashTree(parameters, geometry, area, root);
    }

    /**
     * Checks data block {@code blockIndex} (4096 bytes) against its verified digest.
     *
     * @throws PayloadException naming the block if it does not match, or if the index or length is wrong
     */
    public void verifyBlock(long blockIndex, byte[] block) throws PayloadException {
        if (block.length != parameters.dataBlockSize()) {
            throw new PayloadException("data block " + blockIndex + " is " + block.length + " bytes, not "
                    + parameters.dataBlockSize());
        }
        verify(new BlockHasher(parameters), blockIndex, block, 0, "");
    }

    /**
     * Checks every data block of a decoded frame.
     *
     * @throws PayloadException naming the frame and the first block that does not match, or if the
     *                          frame is not whole blocks inside the tree's data
     */
    public void verifyFrame(FrameIndex.Frame frame, byte[] data) throws PayloadException {
        int blockSize = parameters.dataBlockSize();
        String name = "frame " + frame.number();
        if (data.length != frame.dataLength()) {
            throw new PayloadException(name + " is " + data.length + " bytes of data, the index says " + frame.dataLength());
        }
        if (frame.dataOffset() % blockSize != 0 || frame.dataLength() % blockSize != 0
                || frame.dataEnd() > parameters.dataSize()) {
            throw new PayloadException(name + " covers data [" + frame.dataOffset() + ", " + frame.dataEnd()
                    + "), not whole " + blockSize + "-byte blocks within the " + parameters.dataSize()
                    + " bytes the tree covers");
        }
        BlockHasher hasher = new BlockHasher(parameters);
        long first = frame.dataOffset() / blockSize;
        for (int i = 0; i < data.length / blockSize; i++) {
            verify(hasher, first + i, data, i * blockSize, " (in " + name + ")");
        }
    }

    /** The parameters from the superblock (salt included), as checked. */
    public VerityParameters parameters() {
        return parameters;
    }

    public long dataBlocks() {
        return parameters.dataBlocks();
    }

    private void verify(BlockHasher hasher, long blockIndex, byte[] data, int offset, String where)
            throws PayloadException {
        if (blockIndex < 0 || blockIndex >= parameters.dataBlocks()) {
            throw new PayloadException("data block " + blockIndex + where + " is outside the tree's "
                    + parameters.dataBlocks() + " data blocks");
        }
        byte[] digest = new byte[hasher.digestSize()];
        hasher.hash(data, offset, parameters.dataBlockSize(), digest, 0);
        // One data block has no tree: its digest is the root hash itself.
        boolean matches = geometry.levels() == 0
                ? Arrays.equals(digest, rootHash)
                : Arrays.equals(digest, 0, digest.length, area, (int) geometry.digestOffset(0, blockIndex),
                        (int) geometry.digestOffset(0, blockIndex) + digest.length);
        if (!matches) {
            throw new PayloadException("data block " + blockIndex + where + " at byte offset "
                    + blockIndex * parameters.dataBlockSize() + " of usr.img does not match its digest in the verified"
                    + " hash tree");
        }
    }

    private static VerityParameters parameters(byte[] area, long dataBlocks) throws PayloadException {
        VeritySuperblock superblock;
        VerityParameters parameters;
        try {
            superblock = VeritySuperblock.decode(area);
            parameters = superblock.toParameters();
        } catch (VerityException e) {
            throw new PayloadException("the verity area's superblock: " + e.getMessage());
        }
        expect("algorithm", parameters.algorithm(), VerityParameters.DEFAULT_ALGORITHM);
        expect("data block size", parameters.dataBlockSize(), FrameIndex.BLOCK_SIZE);
        expect("hash block size", parameters.hashBlockSize(), FrameIndex.BLOCK_SIZE);
        expect("data blocks", parameters.dataBlocks(), dataBlocks);
        return parameters;
    }

    private static void expect(String field, Object actual, Object expected) throws PayloadException {
        if (!actual.equals(expected)) {
            throw new PayloadException("the verity superblock's " + field + " is " + actual + ", expected " + expected);
        }
    }

    /** Top block against the root hash, then each level's blocks against their parent's digests. */
    private static void checkTree(VerityParameters parameters, TreeGeometry geometry, byte[] area, byte[] root)
            throws PayloadException {
        int levels = geometry.levels();
        if (levels == 0) {
            return;
        }
        BlockHasher hasher = new BlockHasher(parameters);
        int blockSize = geometry.hashBlockSize();
        byte[] digest = new byte[hasher.digestSize()];
        int top = (int) geometry.blockOffset(levels - 1, 0);
        hasher.hash(area, top, blockSize, digest, 0);
        if (!Arrays.equals(digest, root)) {
            throw new PayloadException("hash tree level " + (levels - 1) + " (the top), block 0 at offset " + top
                    + " of the verity area hashes to " + HexFormat.of().formatHex(digest) + ", not the root hash "
                    + HexFormat.of().formatHex(root) + " (wrong root hash, damaged block or salt)");
        }
        for (int level = levels - 1; level >= 1; level--) {
            for (long i = 0; i < geometry.levelBlocks(level - 1); i++) {
                int block = (int) geometry.blockOffset(level - 1, i);
                int stored = (int) geometry.digestOffset(level, i);
                hasher.hash(area, block, blockSize, digest, 0);
                if (!Arrays.equals(digest, 0, digest.length, area, stored, stored + digest.length)) {
                    throw new PayloadException("hash tree level " + (level - 1) + ", block " + i + " at offset " + block
                            + " of the verity area does not match its digest in level " + level);
                }
            }
        }
    }
}
