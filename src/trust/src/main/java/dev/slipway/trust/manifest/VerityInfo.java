package dev.slipway.trust.manifest;

import java.util.Objects;

/**
 * The dm-verity parameters of an image whose hash tree follows its data in the same file, as
 * {@code veritysetup verify FILE FILE ROOT_HASH --hash-offset=HASH_OFFSET} takes them.
 *
 * @param dataSize   bytes of filesystem the tree covers (a whole number of data blocks)
 * @param hashOffset where the verity superblock starts in the file
 */
public record VerityInfo(String algorithm, int dataBlockSize, int hashBlockSize, long dataSize, long hashOffset,
                         String salt, String uuid, String rootHash) {

    public VerityInfo {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(uuid, "uuid");
        salt = Fields.checkHex(salt, "verity salt");
        rootHash = Fields.checkHex(rootHash, "verity root hash");
        if (dataBlockSize <= 0 || hashBlockSize <= 0 || dataSize % dataBlockSize != 0 || hashOffset < dataSize) {
            throw new IllegalArgumentException("verity geometry is inconsistent: data " + dataSize + " bytes in blocks of "
                    + dataBlockSize + ", hash offset " + hashOffset);
        }
    }
}
