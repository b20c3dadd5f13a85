package dev.slipway.verity;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What {@link Verity#format} wrote.
 *
 * @param rootHash   the root hash: give it to the kernel (e.g. {@code verity.usrhash=}) and keep it
 *                   somewhere trusted; it authenticates the parameters, tree and data
 * @param parameters the parameters, as stored in the superblock
 * @param geometry   where the tree's levels lie in the hash file
 * @param hashOffset where the superblock, the start of the hash area, lies in the hash file
 */
public record VerityResult(byte[] rootHash, VerityParameters parameters, TreeGeometry geometry, long hashOffset) {

    public VerityResult {
        rootHash = rootHash.clone();
    }

    /** A copy of the root hash. */
    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The root hash in lower-case hex, as veritysetup prints and the kernel command line takes it. */
    public String rootHashHex() {
        return HexFormat.of().formatHex(rootHash);
    }

    /** Offset just past the hash area: the end of the tree. */
    public long hashAreaEnd() {
        return geometry.treeEnd();
    }

    /**
     * Bytes from the superblock to the end of the tree, including the gap between the 512-byte
     * superblock and the tree's first hash block (which format leaves untouched, as veritysetup does).
     */
    public long hashAreaSize() {
        return geometry.treeEnd() - hashOffset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerityResult r && Arrays.equals(rootHash, r.rootHash) && parameters.equals(r.parameters)
                && hashOffset == r.hashOffset;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rootHash) + parameters.hashCode() + Long.hashCode(hashOffset);
    }

    @Override
    public String toString() {
        return "VerityResult[root hash " + rootHashHex() + ", " + parameters + ", hash area " + hashOffset + ".."
                + hashAreaEnd() + "]";
    }
}
