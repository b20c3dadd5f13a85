package dev.slipway.build;

import dev.slipway.tree.FileTree;
import dev.slipway.tree.TreePaths;
import dev.slipway.tree.RegularFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads regular files of a composed tree as a process chrooted into it would: symlinks
 * to directories on the way are followed, absolute targets from the tree's root. Debian's file
 * lists name "/bin/sh" while a merged-/usr tree keeps it under usr/bin, reached through the bin
 * symlink; a plain lookup would miss it.
 */
final class TreeFiles {

    private static final int HASH_BUFFER_BYTES = 1 << 20;

    private final FileTree tree;
    /** By identity: a hard-linked file, or one listed by two packages, is read once. */
    private final Map<RegularFile, String> digests = new IdentityHashMap<>();

    TreeFiles(FileTree tree) {
        this.tree = tree;
    }

    /** A regular file and the path it really has, absolute, with every symlink on the way resolved. */
    record Found(String path, RegularFile file) {
    }

    /**
     * The regular file at {@code path}. Empty when the path does not exist or ends in anything
     * else: a directory, a symlink (the last name is not followed), a device.
     */
    Optional<Found> regularFile(String path) {
        return TreePaths.resolve(tree, path, false)
                .filter(resolved -> resolved.node() instanceof RegularFile)
                .map(resolved -> new Found("/" + resolved.path(), (RegularFile) resolved.node()));
    }

    /** SHA-256 of a file's content, as lowercase hex. */
    String sha256(RegularFile file) throws IOException {
        String known = digests.get(file);
        if (known != null) {
            return known;
        }
        MessageDigest sha = FileDigests.newSha256();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(HASH_BUFFER_BYTES, Math.max(file.size(), 1)));
        for (long at = 0; at < file.size(); ) {
            int n = (int) Math.min(buffer.capacity(), file.size() - at);
            buffer.clear().limit(n);
            file.content().read(at, buffer);
            sha.update(buffer.array(), 0, n);
            at += n;
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        digests.put(file, digest);
        return digest;
    }

    /**
     * A small text file's content as UTF-8, refusing one larger than {@code maxBytes} so a damaged
     * tree cannot make the build read gigabytes into memory.
     */
    static String text(RegularFile file, String path, int maxBytes) throws IOException, BuildException {
        if (file.size() > maxBytes) {
            throw new BuildException("/" + path + " is larger than " + maxBytes + " bytes; is the tree damaged?");
        }
        return new String(file.readAllBytes(), StandardCharsets.UTF_8);
    }
}
