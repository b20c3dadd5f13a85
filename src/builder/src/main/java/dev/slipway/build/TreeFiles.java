package dev.slipway.build;

import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.TreeEdits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads regular files of a composed tree as a process chrooted into it would: symlinks
 * to directories on the way are followed, absolute targets from the tree's root. Debian's file
 * lists name "/bin/sh" while a merged-/usr tree keeps it under usr/bin, reached through the bin
 * symlink; a plain lookup would miss it.
 */
final class TreeFiles {

    /** Linux's MAXSYMLINKS: a longer chain is treated as a loop, and the path as not found. */
    private static final int MAX_SYMLINKS = 40;
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
        Deque<String> pending = new ArrayDeque<>(names(path));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.removeLast();
                }
                continue;
            }
            String candidate = resolved.isEmpty() ? name : String.join("/", resolved) + "/" + name;
            Node node = TreeEdits.lookup(tree, candidate).orElse(null);
            if (pending.isEmpty()) {
                return node instanceof RegularFile file ? Optional.of(new Found("/" + candidate, file)) : Optional.empty();
            }
            if (node instanceof Directory) {
                resolved.add(name);
            } else if (node instanceof Symlink link && ++links <= MAX_SYMLINKS) {
                if (link.target().startsWith("/")) {
                    resolved.clear();
                }
                List<String> target = names(link.target());
                for (int i = target.size() - 1; i >= 0; i--) {
                    pending.addFirst(target.get(i));
                }
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
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
        ByteBuffer bytes = ByteBuffer.allocate((int) file.size());
        file.content().read(0, bytes);
        return new String(bytes.array(), StandardCharsets.UTF_8);
    }

    private static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
