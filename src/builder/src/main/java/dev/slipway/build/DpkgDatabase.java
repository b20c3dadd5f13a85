package dev.slipway.build;

import dev.slipway.tree.FileTree;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.TreeEdits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * dpkg's own record of a composed tree, under var/lib/dpkg: which packages are installed (status),
 * which files each one put there (info/PACKAGE.list) and which of those another package or the
 * administrator moved aside (diversions).
 */
final class DpkgDatabase {

    static final String STATUS = "var/lib/dpkg/status";
    static final String INFO = "var/lib/dpkg/info/";
    static final String DIVERSIONS = "var/lib/dpkg/diversions";
    /** A diversion made by the administrator rather than by a package (dpkg-divert --local). */
    private static final String LOCAL_DIVERSION = ":";
    private static final int MAX_FILE_BYTES = 64 << 20;

    /**
     * One package dpkg says is installed.
     *
     * @param source        the source package it was built from
     * @param sourceVersion the source package's version when the Source field gives one, which it
     *                      does only when it differs from {@code version} (binNMUs); else null
     * @param maintainer    the Maintainer field, or null
     */
    record Installed(String name, String version, String architecture, String source, String sourceVersion,
                     String maintainer) {
    }

    private final FileTree tree;
    private final List<Installed> installed;
    /** Diverted path to the package that holds the diversion (":" for a local one). */
    private final Map<String, String> diversionHolders;

    private DpkgDatabase(FileTree tree, List<Installed> installed, Map<String, String> diversionHolders) {
        this.tree = tree;
        this.installed = installed;
        this.diversionHolders = diversionHolders;
    }

    static DpkgDatabase read(FileTree tree) throws IOException, BuildException {
        String status = read(tree, STATUS).orElseThrow(() -> new BuildException(
                "the composed tree has no /" + STATUS + "; it is not a Debian system, or dpkg's database was removed"));
        List<Installed> installed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int number = 0;
        for (Map<String, String> stanza : Deb822.parse(status)) {
            number++;
            if (!stanza.getOrDefault("Status", "").endsWith(" installed")) {
                continue;
            }
            Installed p = installed(stanza, number);
            if (!seen.add(p.name() + ":" + p.architecture())) {
                throw new BuildException("/" + STATUS + " lists " + p.name() + ":" + p.architecture()
                        + " as installed twice; dpkg's database is damaged");
            }
            installed.add(p);
        }
        return new DpkgDatabase(tree, List.copyOf(installed), diversions(tree));
    }

    List<Installed> installed() {
        return installed;
    }

    /**
     * The paths dpkg's file list gives for a package, as written there (absolute, "/." first),
     * directories and all.
     */
    List<String> listedPaths(Installed p) throws IOException, BuildException {
        // Multi-Arch: same packages are co-installable, so dpkg qualifies their lists by architecture.
        String qualified = INFO + p.name() + ":" + p.architecture() + ".list";
        String plain = INFO + p.name() + ".list";
        String text = read(tree, qualified).orElse(null);
        if (text == null) {
            text = read(tree, plain).orElseThrow(() -> new BuildException("dpkg says " + p.name() + " " + p.version()
                    + " is installed, but its file list (/" + plain + ") is missing; dpkg's database is incomplete"));
        }
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    /**
     * Whether the package's file at {@code path} was moved aside by a diversion it does not hold
     * itself: the tree's file at that path then belongs to another package or to the administrator.
     */
    boolean divertedFrom(String path, String packageName) {
        String holder = diversionHolders.get(path);
        return holder != null && (holder.equals(LOCAL_DIVERSION) || !holder.equals(packageName));
    }

    private static Installed installed(Map<String, String> stanza, int number) throws BuildException {
        String name = stanza.get("Package");
        String version = stanza.get("Version");
        String architecture = stanza.get("Architecture");
        if (name == null || version == null || architecture == null) {
            throw new BuildException("/" + STATUS + ": installed entry " + number + (name == null ? "" : " (" + name + ")")
                    + " lacks a Package, Version or Architecture field; dpkg's database is damaged");
        }
        String sourceField = stanza.getOrDefault("Source", name);
        int open = sourceField.indexOf('(');
        if (open < 0) {
            return new Installed(name, version, architecture, sourceField, null, stanza.get("Maintainer"));
        }
        int close = sourceField.indexOf(')', open);
        String source = sourceField.substring(0, open).strip();
        String sourceVersion = close < 0 ? "" : sourceField.substring(open + 1, close).strip();
        if (source.isEmpty() || sourceVersion.isEmpty() || !sourceField.substring(close + 1).isBlank()) {
            throw new BuildException("/" + STATUS + ": " + name + " has a malformed Source field \"" + sourceField
                    + "\" (expected \"NAME\" or \"NAME (VERSION)\")");
        }
        return new Installed(name, version, architecture, source, sourceVersion, stanza.get("Maintainer"));
    }

    /** The diversions file holds three lines per diversion: the path, where it went, the holder. */
    private static Map<String, String> diversions(FileTree tree) throws IOException, BuildException {
        String text = read(tree, DIVERSIONS).orElse("");
        List<String> lines = text.lines().toList();
        if (lines.size() % 3 != 0) {
            throw new BuildException("/" + DIVERSIONS + " has " + lines.size() + " lines, not three per diversion;"
                    + " dpkg's database is damaged");
        }
        Map<String, String> holders = new HashMap<>();
        for (int i = 0; i < lines.size(); i += 3) {
            holders.put(lines.get(i), lines.get(i + 2));
        }
        return holders;
    }

    private static Optional<String> read(FileTree tree, String path) throws IOException, BuildException {
        Node node = TreeEdits.lookup(tree, path).orElse(null);
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof RegularFile file)) {
            throw new BuildException("/" + path + " is not a regular file; dpkg's database is damaged");
        }
        return Optional.of(TreeFiles.text(file, path, MAX_FILE_BYTES));
    }
}
