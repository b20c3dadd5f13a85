package dev.slipway.source;

import dev.slipway.tree.EntryPath;
import dev.slipway.tree.FileType;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.TreeBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies one OCI image layer, a tar stream of changes, to the tree the layers below it built,
 * as the image-spec's "Image Layer Filesystem Changeset" says. Entries are converted and checked
 * by {@link TarEntries} exactly as a tarball's are; what differs is what they do to the tree.
 *
 * <p><b>Changes.</b> An entry whose path exists from a lower layer replaces it: if both are
 * directories, the directory takes the entry's metadata and keeps its children (the spec: "the
 * existing path's attributes MUST be replaced"); otherwise the old path is removed, with its whole
 * subtree if it was a directory, and the entry is created in its place ("removing the file path
 * ... recreating the file path"), whatever the two types.
 *
 * <p><b>Whiteouts.</b> An entry named {@code .wh.NAME} deletes NAME, and an entry named
 * {@code .wh..wh..opq} deletes every child of its directory but not the directory itself. The
 * spec says whiteouts "MUST only apply to resources in lower/parent layers"; files "present in the
 * same layer as a whiteout file can only be hidden by whiteout files in subsequent layers"; and an
 * opaque whiteout is "applied first, before creating the new version ... regardless of the
 * ordering". So a layer is applied as if all its whiteouts came before all its other entries, in
 * whatever order the tar holds them: a whiteout removes what lower layers put at or under its
 * path and spares this layer's entries (and the directories above them). A directory that a
 * whiteout empties but keeps only as the parent of this layer's entries takes the metadata of a
 * directory no entry describes ({@link TreeBuilder#impliedDirectory()}), as it would have had the
 * whiteout come first. Whiteouts are never part of the result. Refused: a bare {@code .wh.}, or a
 * whiteout of "." or ".." (the spec: implementations "SHOULD return an error"); any other
 * {@code .wh..wh.} name (AUFS bookkeeping, no part of OCI); a whiteout that is a directory; and any
 * entry below a {@code .wh.} name, since such names cannot exist in the result. A whiteout's type
 * and data are otherwise ignored (the spec's whiteouts are empty regular files).
 *
 * <p><b>Hard links.</b> A hard link may name any non-directory present when it is read: from a
 * lower layer, or earlier in this layer (tar order). The spec allows links to files outside the
 * layer ("may fail" to extract on some filesystems); umoci and containerd link to whatever the
 * target path holds in the merged tree, and so does Slipway. The link shares the target's node;
 * a later change to either name replaces that name only, as unlink-and-recreate does. Links to
 * missing, directory or outside targets are refused, as in a tarball.
 *
 * <p><b>Order and duplicates.</b> Within a layer, entries follow tar rules: a parent may be implied
 * by a child, a hard link must come after its target, and the spec's "MUST NOT include duplicate
 * entries" is enforced where it matters: a second entry for a path (or for a directory above one
 * of this layer's entries) may not change its type, exactly as in a tarball; a same-type repeat
 * replaces the first, as tar extraction does. Paths with "..", absolute paths and paths through a
 * symlink (from any layer) are refused as in a tarball; the one exception is a directory entry
 * named "/", which umoci writes for the root and which is taken as the root.
 */
final class LayerApplier implements TarEntries.Target {

    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    private static final String AUFS_META = ".wh..wh.";

    private final TreeBuilder builder;
    /** Paths this layer has an entry for. */
    private final Set<EntryPath> written = new HashSet<>();
    /** Directories above those paths: this layer needs them, so none of its whiteouts may take them. */
    private final Set<EntryPath> above = new HashSet<>();

    private LayerApplier(TreeBuilder builder) {
        this.builder = builder;
    }

    /** Reads the layer's tar stream to its end and applies every entry to {@code builder}. */
    static void apply(TreeBuilder builder, TarReader reader, Spool spool, Consumer<String> warnings) throws IOException {
        LayerApplier applier = new LayerApplier(builder);
        TarEntries entries = new TarEntries(reader, spool, warnings);
        for (TarReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
            EntryPath path = EntryPath.parse(rootRelative(entry.name()));
            List<String> parents = path.isRoot() ? List.of() : path.parent().names();
            for (String name : parents) {
                if (name.startsWith(WHITEOUT)) {
                    throw new InvalidEntryException(entry.name(), "path passes through '" + name + "', a whiteout"
                            + " name; no file or directory of an image can have a name beginning with '.wh.'");
                }
            }
            if (!path.isRoot() && path.fileName().startsWith(WHITEOUT)) {
                applier.whiteout(entry, path);
            } else {
                entries.add(entry, applier);
            }
        }
    }

    @Override
    public void addDirectory(String rawPath, Metadata metadata) throws IOException {
        EntryPath path = EntryPath.parse(rootRelative(rawPath));
        clearForType(path, FileType.DIRECTORY);
        builder.addDirectory(rootRelative(rawPath), metadata);
        markWritten(path);
    }

    @Override
    public void add(String rawPath, Node node) throws IOException {
        EntryPath path = EntryPath.parse(rawPath);
        clearForType(path, node.type());
        builder.add(rawPath, node);
        markWritten(path);
    }

    @Override
    public void addHardlink(String rawPath, String rawTarget) throws IOException {
        EntryPath path = EntryPath.parse(rawPath);
        FileType targetType;
        try {
            targetType = builder.typeAt(rawTarget);
        } catch (InvalidEntryException e) {
            targetType = null; // the builder refuses the target below, naming the link
        }
        if (targetType != null) {
            clearForType(path, targetType);
        }
        builder.addHardlink(rawPath, rawTarget);
        markWritten(path);
    }

    /**
     * umoci writes the root directory of its layers as "/": that one absolute name is taken as the
     * root, which it cannot leave; every other absolute name is refused as in a tarball.
     */
    private static String rootRelative(String rawPath) {
        return rawPath.equals("/") ? "" : rawPath;
    }

    /** Removes a lower layer's entry at {@code path} when the new entry has another type. */
    private void clearForType(EntryPath path, FileType type) throws InvalidEntryException {
        if (path.isRoot() || written.contains(path) || above.contains(path)) {
            return; // the root cannot go; a type change within this layer is the builder's to refuse
        }
        FileType existing = builder.typeAt(path.toString());
        if (existing != null && existing != type) {
            builder.remove(path.toString());
        }
    }

    private void markWritten(EntryPath path) {
        written.add(path);
        List<String> names = path.names();
        for (int i = names.size() - 1; i >= 0; i--) {
            if (!above.add(new EntryPath(names.subList(0, i)))) {
                break;
            }
        }
    }

    private void whiteout(TarReader.Entry entry, EntryPath path) throws InvalidEntryException {
        String name = entry.name();
        if (TarEntries.isDirectory(entry)) {
            throw new InvalidEntryException(name, "a directory with a whiteout name ('.wh.'); a whiteout is a plain"
                    + " file that marks a deletion, and no directory of an image can have such a name");
        }
        String file = path.fileName();
        EntryPath directory = path.parent();
        try {
            if (file.equals(OPAQUE)) {
                pruneChildren(directory);
                return;
            }
            if (file.startsWith(AUFS_META)) {
                throw new InvalidEntryException(name, "'" + file + "' is AUFS bookkeeping, not an OCI whiteout (the"
                        + " only '.wh..wh.' name OCI knows is the opaque marker '" + OPAQUE + "'); refusing it");
            }
            String target = file.substring(WHITEOUT.length());
            if (target.isEmpty() || target.equals(".") || target.equals("..")) {
                throw new InvalidEntryException(name, "a whiteout that names no file ('" + target + "'); the"
                        + " image-spec says such an entry is invalid");
            }
            prune(child(directory, target));
        } catch (InvalidEntryException e) {
            if (e.entry().equals(name)) {
                throw e;
            }
            InvalidEntryException named = new InvalidEntryException(name, e.reason());
            named.initCause(e);
            throw named;
        }
    }

    /** Removes what lower layers put at {@code path} and under it, sparing this layer's entries. */
    private void prune(EntryPath path) throws InvalidEntryException {
        String raw = path.toString();
        if (written.contains(path)) {
            if (builder.typeAt(raw) == FileType.DIRECTORY) {
                pruneChildren(path);
            }
        } else if (above.contains(path)) {
            builder.addDirectory(raw, builder.impliedDirectory());
            pruneChildren(path);
        } else {
            builder.remove(raw);
        }
    }

    private void pruneChildren(EntryPath directory) throws InvalidEntryException {
        for (String name : builder.children(directory.toString())) {
            prune(child(directory, name));
        }
    }

    private static EntryPath child(EntryPath directory, String name) {
        List<String> names = new ArrayList<>(directory.names());
        names.add(name);
        return new EntryPath(names);
    }
}
