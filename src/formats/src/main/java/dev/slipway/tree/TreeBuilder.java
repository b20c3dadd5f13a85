package dev.slipway.tree;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Assembles a {@link FileTree} from entries in any order, the way tar extraction would, but
 * refusing whatever extraction could be tricked by: paths that leave the root, entries that pass
 * through a symlink or a file, hard links to missing or directory targets, and entries that change
 * the type of an earlier one. A later entry of the same type replaces an earlier one (a directory
 * keeps its children and takes the new metadata), as GNU tar does.
 *
 * <p>Directories that appear only as parents get {@link #impliedDirectory()} metadata. Every mtime
 * newer than the clamp time, when one is set, is clamped to it.
 *
 * <p>For sources that are stacks of changes (container image layers), {@link #remove} takes an
 * entry away with everything under it, and {@link #typeAt} and {@link #children} show what is
 * there. A caller that means to replace an entry by one of another type removes it first; the
 * add methods themselves never change a type.
 */
public final class TreeBuilder {

    private final Timestamp clampTo;
    private final MutableDirectory root;

    /** @param clampTo newest mtime allowed in the tree, or {@code null} to keep mtimes as given */
    public TreeBuilder(Timestamp clampTo) {
        this.clampTo = clampTo;
        this.root = new MutableDirectory(impliedDirectory());
    }

    /** Metadata of a directory the source never described: 0755, root-owned, at the clamp time. */
    public Metadata impliedDirectory() {
        return Metadata.of(0755, 0, 0, clampTo == null ? Timestamp.UNIX_EPOCH : clampTo);
    }

    /** Adds or updates a directory; {@code rawPath} "" or "." is the root itself. */
    public void addDirectory(String rawPath, Metadata metadata) throws InvalidEntryException {
        EntryPath path = EntryPath.parse(rawPath);
        Metadata clamped = clamp(metadata);
        if (path.isRoot()) {
            root.metadata = clamped;
            return;
        }
        MutableDirectory parent = parentOf(rawPath, path);
        Object existing = parent.entries.get(path.fileName());
        if (existing instanceof MutableDirectory dir) {
            dir.metadata = clamped;
        } else if (existing != null) {
            throw typeChange(rawPath, existing, FileType.DIRECTORY);
        } else {
            parent.entries.put(path.fileName(), new MutableDirectory(clamped));
        }
    }

    /** Adds a non-directory node (regular file, symlink, device, fifo). */
    public void add(String rawPath, Node node) throws InvalidEntryException {
        if (node instanceof Directory) {
            throw new IllegalArgumentException("use addDirectory for directories");
        }
        EntryPath path = EntryPath.parse(rawPath);
        if (path.isRoot()) {
            throw new InvalidEntryException(rawPath, "a " + describe(node.type()) + " cannot replace the root directory");
        }
        MutableDirectory parent = parentOf(rawPath, path);
        Object existing = parent.entries.get(path.fileName());
        if (existing != null && typeOf(existing) != node.type()) {
            throw typeChange(rawPath, existing, node.type());
        }
        parent.entries.put(path.fileName(), withClampedTime(node));
    }

    /**
     * Adds a second name for an existing non-directory: {@code rawTarget} is a path in the same
     * tree, which must already exist.
     */
    public void addHardlink(String rawPath, String rawTarget) throws InvalidEntryException {
        EntryPath target;
        try {
            target = EntryPath.parse(rawTarget);
        } catch (InvalidEntryException e) {
            throw new InvalidEntryException(rawPath, "hard link target '" + rawTarget + "' is outside the tree");
        }
        Object targetNode = target.isRoot() ? root : lookup(target);
        if (targetNode == null) {
            throw new InvalidEntryException(rawPath, "hard link target '" + rawTarget + "' does not exist (earlier in the archive)");
        }
        if (targetNode instanceof MutableDirectory) {
            throw new InvalidEntryException(rawPath, "hard link target '" + rawTarget + "' is a directory");
        }
        EntryPath path = EntryPath.parse(rawPath);
        if (path.isRoot()) {
            throw new InvalidEntryException(rawPath, "a hard link cannot replace the root directory");
        }
        MutableDirectory parent = parentOf(rawPath, path);
        Object existing = parent.entries.get(path.fileName());
        if (existing == targetNode) {
            return;
        }
        Node node = (Node) targetNode;
        if (existing != null && typeOf(existing) != node.type()) {
            throw typeChange(rawPath, existing, node.type());
        }
        parent.entries.put(path.fileName(), node);
    }

    /**
     * Removes the entry at {@code rawPath} and, for a directory, everything under it. Other names
     * of a hard-linked node keep it. A missing path is no error and creates nothing.
     *
     * @return whether there was an entry to remove
     * @throws InvalidEntryException for the root, a path that leaves the tree, or one that passes
     *     through a symlink or another non-directory
     */
    public boolean remove(String rawPath) throws InvalidEntryException {
        EntryPath path = EntryPath.parse(rawPath);
        if (path.isRoot()) {
            throw new InvalidEntryException(rawPath, "the root directory cannot be removed");
        }
        MutableDirectory parent = existingDirectory(rawPath, path.parent());
        return parent != null && parent.entries.remove(path.fileName()) != null;
    }

    /**
     * The type of the entry at {@code rawPath} ("" is the root), or {@code null} when there is
     * none. Only directories are walked through: below a symlink or a file nothing exists.
     */
    public FileType typeAt(String rawPath) throws InvalidEntryException {
        EntryPath path = EntryPath.parse(rawPath);
        Object entry = path.isRoot() ? root : lookup(path);
        return entry == null ? null : typeOf(entry);
    }

    /**
     * The names in the directory at {@code rawPath}, in byte order; empty when it does not exist.
     *
     * @throws InvalidEntryException when the path, or the entry itself, is a symlink or another
     *     non-directory
     */
    public List<String> children(String rawPath) throws InvalidEntryException {
        MutableDirectory dir = existingDirectory(rawPath, EntryPath.parse(rawPath));
        return dir == null ? List.of() : List.copyOf(dir.entries.keySet());
    }

    /** Freezes everything added so far into an immutable tree. */
    public FileTree build() {
        return new FileTree(root.freeze());
    }

    private Object lookup(EntryPath path) {
        MutableDirectory dir = root;
        for (int i = 0; i < path.names().size(); i++) {
            Object next = dir.entries.get(path.names().get(i));
            if (i == path.names().size() - 1) {
                return next;
            }
            if (!(next instanceof MutableDirectory sub)) {
                return null;
            }
            dir = sub;
        }
        return dir;
    }

    /** Walks to the entry's parent, creating implied directories, refusing non-directories on the way. */
    private MutableDirectory parentOf(String rawPath, EntryPath path) throws InvalidEntryException {
        MutableDirectory dir = root;
        StringBuilder walked = new StringBuilder();
        for (String name : path.parent().names()) {
            walked.append(walked.isEmpty() ? "" : "/").append(name);
            Object next = dir.entries.get(name);
            if (next == null) {
                MutableDirectory created = new MutableDirectory(impliedDirectory());
                dir.entries.put(name, created);
                dir = created;
            } else {
                dir = throughDirectory(rawPath, walked, next);
            }
        }
        return dir;
    }

    /** Walks existing directories only; {@code null} when a name is missing. */
    private MutableDirectory existingDirectory(String rawPath, EntryPath path) throws InvalidEntryException {
        MutableDirectory dir = root;
        StringBuilder walked = new StringBuilder();
        for (String name : path.names()) {
            walked.append(walked.isEmpty() ? "" : "/").append(name);
            Object next = dir.entries.get(name);
            if (next == null) {
                return null;
            }
            dir = throughDirectory(rawPath, walked, next);
        }
        return dir;
    }

    private static MutableDirectory throughDirectory(String rawPath, CharSequence walked, Object next)
            throws InvalidEntryException {
        if (next instanceof MutableDirectory sub) {
            return sub;
        }
        if (next instanceof Symlink) {
            throw new InvalidEntryException(rawPath, "path passes through the symlink '" + walked
                    + "'; an archive that writes through a link could write outside the tree");
        }
        throw new InvalidEntryException(rawPath, "path passes through '" + walked + "', which is a "
                + describe(((Node) next).type()) + ", not a directory");
    }

    private Node withClampedTime(Node node) {
        Metadata clamped = clamp(node.metadata());
        if (clamped == node.metadata()) {
            return node;
        }
        return switch (node) {
            case RegularFile f -> new RegularFile(clamped, f.content());
            case Symlink s -> new Symlink(clamped, s.target());
            case DeviceNode d -> new DeviceNode(clamped, d.type(), d.major(), d.minor());
            case Fifo f -> new Fifo(clamped);
            case Directory d -> throw new IllegalStateException();
        };
    }

    private Metadata clamp(Metadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        if (clampTo == null || metadata.mtime().compareTo(clampTo) <= 0) {
            return metadata;
        }
        return metadata.withMtime(clampTo);
    }

    private static FileType typeOf(Object entry) {
        return entry instanceof MutableDirectory ? FileType.DIRECTORY : ((Node) entry).type();
    }

    private static InvalidEntryException typeChange(String rawPath, Object existing, FileType now) {
        return new InvalidEntryException(rawPath, "an earlier entry made this a " + describe(typeOf(existing))
                + "; refusing to turn it into a " + describe(now));
    }

    static String describe(FileType type) {
        return switch (type) {
            case REGULAR -> "regular file";
            case DIRECTORY -> "directory";
            case SYMLINK -> "symlink";
            case CHAR_DEVICE -> "character device";
            case BLOCK_DEVICE -> "block device";
            case FIFO -> "fifo";
        };
    }

    private static final class MutableDirectory {
        Metadata metadata;
        final Map<String, Object> entries = new TreeMap<>(Names.BYTE_ORDER);

        MutableDirectory(Metadata metadata) {
            this.metadata = metadata;
        }

        Directory freeze() {
            Map<String, Node> sorted = new TreeMap<>(Names.BYTE_ORDER);
            for (var e : entries.entrySet()) {
                Object value = e.getValue();
                sorted.put(e.getKey(), value instanceof MutableDirectory d ? d.freeze() : (Node) value);
            }
            return new Directory(metadata, sorted);
        }
    }
}
