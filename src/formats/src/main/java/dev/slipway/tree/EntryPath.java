package dev.slipway.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * A path inside a tree, checked and split into names. Archive paths are relative; a leading "./"
 * is how tar spells "relative" and is accepted, "." components are dropped, and anything that could
 * leave the root is refused: absolute paths and ".." components.
 */
public record EntryPath(List<String> names) {

    public EntryPath {
        names = List.copyOf(names);
    }

    public static EntryPath parse(String raw) throws InvalidEntryException {
        if (raw.indexOf('\0') >= 0) {
            throw new InvalidEntryException(raw, "path contains a NUL byte");
        }
        if (raw.startsWith("/")) {
            throw new InvalidEntryException(raw, "absolute path; an archive for an image must hold relative paths only");
        }
        List<String> names = new ArrayList<>();
        for (String name : raw.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                throw new InvalidEntryException(raw, "path has a '..' component, which could point outside the tree; refusing it");
            }
            if (Names.utf8Length(name) > Names.MAX_NAME_BYTES) {
                throw new InvalidEntryException(raw, "name '" + name + "' is longer than " + Names.MAX_NAME_BYTES + " bytes");
            }
            names.add(name);
        }
        return new EntryPath(names);
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    public String fileName() {
        return names.get(names.size() - 1);
    }

    public EntryPath parent() {
        return new EntryPath(names.subList(0, names.size() - 1));
    }

    @Override
    public String toString() {
        return String.join("/", names);
    }
}
