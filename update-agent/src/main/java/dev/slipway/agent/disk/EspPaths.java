package dev.slipway.agent.disk;

import java.util.List;

/**
 * The paths {@link EspFiles} accepts, the same for every implementation: relative, names separated by single
 * {@code /}, no {@code .} or {@code ..}, and names FAT can hold as they are (no control characters, none of
 * {@code " * : < > ? \ |}, no trailing dot or space, which vfat would silently drop). Names ending in
 * {@link #TEMPORARY_SUFFIX} are reserved for the files and directories a write goes through.
 */
final class EspPaths {

    /**
     * A write's temporary: the file {@code NAME + TEMPORARY_SUFFIX} beside its target (a mounted ESP), or the
     * directory {@code TEMPORARY_SUFFIX} beside it (mtools); lists never show either.
     */
    static final String TEMPORARY_SUFFIX = ".slipway-tmp";
    private static final String FAT_FORBIDDEN = "\"*:<>?\\|";
    private static final int MAX_NAME = 255 - TEMPORARY_SUFFIX.length();

    private EspPaths() {
    }

    /** The names of a file's path, checked. */
    static List<String> file(String path) {
        if (path.isEmpty()) {
            throw invalid(path, "it is empty");
        }
        return names(path);
    }

    /** The names of a directory's path; "" is the ESP's root. */
    static List<String> directory(String path) {
        return path.isEmpty() ? List.of() : names(path);
    }

    /** Everything but the last name: the directory a file is in ("" at the root). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static boolean isTemporary(String name) {
        return name.endsWith(TEMPORARY_SUFFIX);
    }

    private static List<String> names(String path) {
        if (path.startsWith("/")) {
            throw invalid(path, "it is absolute; paths are relative to the ESP's root");
        }
        List<String> names = List.of(path.split("/", -1));
        for (String name : names) {
            if (name.isEmpty()) {
                throw invalid(path, "it has an empty name (a doubled or trailing '/')");
            } else if (name.equals(".") || name.equals("..")) {
                throw invalid(path, "it holds '" + name + "'");
            } else if (name.length() > MAX_NAME) {
                throw invalid(path, "a name is longer than " + MAX_NAME + " characters");
            } else if (name.endsWith(".") || name.endsWith(" ")) {
                throw invalid(path, "a name ends with a dot or space, which FAT drops");
            } else if (isTemporary(name)) {
                throw invalid(path, "names ending in " + TEMPORARY_SUFFIX + " are the agent's temporary files");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < 0x20 || c == 0x7F || FAT_FORBIDDEN.indexOf(c) >= 0) {
                    throw invalid(path, "it holds a character FAT does not allow (control characters and "
                            + FAT_FORBIDDEN + ")");
                }
            }
        }
        return names;
    }

    private static IllegalArgumentException invalid(String path, String why) {
        return new IllegalArgumentException("ESP path \"" + path + "\" refused: " + why);
    }
}
