package dev.slipway.build;

import dev.slipway.erofs.ErofsImage;
import dev.slipway.erofs.ErofsOptions;
import dev.slipway.erofs.ErofsWriter;
import dev.slipway.io.Progress;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeDigest;
import dev.slipway.tree.TreeEdits;
import dev.slipway.verity.Verity;
import dev.slipway.verity.VerityParameters;
import dev.slipway.verity.VerityResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * usr.img, Flatcar-style: the composed root's /usr as EROFS, then its dm-verity superblock and hash
 * tree appended at the first 4 KiB boundary after the filesystem (veritysetup's --hash-offset).
 *
 * <p>Every identifier comes from the seed, a digest of the /usr tree's listing: the filesystem
 * UUID, the verity salt and the verity UUID. Same tree, same identifiers.
 */
final class UsrFilesystem {

    static final String VOLUME_NAME = "usr";
    private static final String SALT_CONTEXT = "slipway usr.img verity salt v1\0";

    private UsrFilesystem() {
    }

    /** The composed root's /usr as a tree of its own. */
    static FileTree usrTree(FileTree root) throws BuildException {
        return TreeEdits.subtree(root, "usr").orElseThrow(() -> new BuildException(
                "the composed tree has no /usr directory (or /usr is not a directory); a Slipway image keeps its"
                        + " operating system under /usr"));
    }

    record Filesystem(ErofsImage image, byte[] seed, UUID uuid) {
    }

    static Filesystem writeErofs(FileTree usr, Timestamp buildTime, Path file, Progress progress) throws IOException {
        byte[] seed = TreeDigest.of(usr);
        UUID uuid = TreeDigest.uuidFrom(seed);
        ErofsImage image = ErofsWriter.write(usr, file, new ErofsOptions(buildTime, uuid, VOLUME_NAME), progress);
        return new Filesystem(image, seed, uuid);
    }

    /** Appends the hash tree; the hash offset is the filesystem's size, a whole number of blocks. */
    static VerityResult appendVerity(Filesystem filesystem, Path file, Progress progress) throws IOException {
        long dataSize = filesystem.image().sizeBytes();
        byte[] salt = salt(filesystem.seed());
        VerityParameters parameters = VerityParameters.forDataSize(dataSize)
                .withSalt(salt)
                .withUuid(TreeDigest.uuidFrom(FileDigests.newSha256().digest(salt)));
        return Verity.format(file, file, dataSize, parameters, progress);
    }

    private static byte[] salt(byte[] seed) {
        MessageDigest sha = FileDigests.newSha256();
        sha.update(SALT_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        sha.update(seed);
        return sha.digest();
    }
}
