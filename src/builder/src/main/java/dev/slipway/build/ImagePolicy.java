package dev.slipway.build;

import dev.slipway.profile.Policy;
import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Node;
import dev.slipway.tree.TreeEdits;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy step: what a node image must not contain. Runs after the SBOM is taken (it reads the
 * package database this step removes). Removes every package manager with its database and state,
 * the documentation, manual pages and translations the profile does not keep, and the paths the
 * profile lists; then fails if anything forbidden remains. (docs/builder.md has the table.)
 *
 * <p>Patterns are globs over paths relative to the root ({@code *} within a name, {@code **}
 * across names); a match removes the path with everything under it.
 */
final class ImagePolicy {

    /** Debian's package managers, their databases, caches, configuration and logs. */
    static final List<String> PACKAGE_MANAGERS = List.of(
            "usr/bin/dpkg", "usr/bin/dpkg-*", "usr/sbin/dpkg-*", "usr/lib/dpkg", "usr/libexec/dpkg", "usr/share/dpkg",
            "usr/bin/apt", "usr/bin/apt-*", "usr/lib/apt", "usr/lib/*/libapt-*", "usr/share/bash-completion/completions/apt*",
            "usr/bin/debconf", "usr/bin/debconf-*", "usr/sbin/dpkg-reconfigure", "usr/sbin/dpkg-preconfigure",
            "usr/share/debconf", "usr/share/perl5/Debconf", "usr/share/perl5/Debian/DebConf",
            "etc/apt", "etc/dpkg", "etc/debconf.conf", "var/lib/dpkg", "var/lib/apt", "var/cache/apt",
            "var/cache/debconf", "var/log/apt", "var/log/dpkg.log");

    /** Nothing that installs software may remain, whichever package brought it. */
    static final List<String> FORBIDDEN = List.of(
            "usr/bin/dpkg", "usr/bin/apt", "usr/bin/apt-get", "usr/bin/aptitude", "usr/bin/rpm", "usr/bin/dnf",
            "usr/bin/yum", "usr/bin/zypper", "usr/sbin/apk", "usr/bin/snap", "usr/bin/pip", "usr/bin/pip3",
            "var/lib/dpkg", "var/lib/apt", "var/lib/rpm");

    record Result(FileTree tree, List<String> removed) {
    }

    private ImagePolicy() {
    }

    static Result apply(FileTree tree, Policy policy) throws BuildException {
        List<String> patterns = new ArrayList<>(PACKAGE_MANAGERS);
        if (policy.docs().equals(Policy.DOCS_NONE)) {
            patterns.add("usr/share/doc");
        } else if (policy.docs().equals(Policy.DOCS_COPYRIGHT)) {
            patterns.add("usr/share/doc/*/*"); // copyright files are spared below
        }
        if (policy.manPages().equals(Policy.REMOVE)) {
            patterns.addAll(List.of("usr/share/man", "usr/share/info", "usr/share/lintian", "usr/share/linda"));
        }
        patterns.add("usr/share/locale/*"); // the kept languages are spared below
        patterns.addAll(policy.remove());
        List<PathMatcher> spared = new ArrayList<>();
        if (policy.docs().equals(Policy.DOCS_COPYRIGHT)) {
            spared.add(glob("usr/share/doc/*/copyright"));
        }
        for (String language : policy.locales()) {
            spared.add(glob("usr/share/locale/" + language));
        }
        spared.add(glob("usr/share/locale/locale.alias"));
        List<String> removed = new ArrayList<>();
        FileTree result = tree;
        for (String path : matches(tree, patterns.stream().map(ImagePolicy::glob).toList(), spared)) {
            result = TreeEdits.remove(result, path);
            removed.add(path);
        }
        List<PathMatcher> forbidden = new ArrayList<>(FORBIDDEN.stream().map(ImagePolicy::glob).toList());
        policy.forbid().forEach(p -> forbidden.add(glob(p)));
        List<String> remaining = matches(result, forbidden, List.of());
        if (!remaining.isEmpty()) {
            throw new BuildException("the image still holds what the policy forbids: /" + String.join(", /", remaining)
                    + "; add the paths to policy.remove in the profile, or do not install the package that brings them");
        }
        return new Result(result, removed);
    }

    /** The topmost paths that match a pattern and are not spared (nothing under a match is listed again). */
    private static List<String> matches(FileTree tree, List<PathMatcher> patterns, List<PathMatcher> spared) {
        List<String> found = new ArrayList<>();
        collect(tree.root(), "", patterns, spared, found);
        return found;
    }

    private static void collect(Directory directory, String path, List<PathMatcher> patterns, List<PathMatcher> spared,
                                List<String> found) {
        for (var entry : directory.entries().entrySet()) {
            String child = path.isEmpty() ? entry.getKey() : path + "/" + entry.getKey();
            Path asPath = Path.of(child);
            boolean kept = spared.stream().anyMatch(m -> m.matches(asPath));
            if (!kept && patterns.stream().anyMatch(m -> m.matches(asPath))) {
                found.add(child);
                continue;
            }
            Node node = entry.getValue();
            if (node instanceof Directory sub) {
                collect(sub, child, patterns, spared, found);
            }
        }
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
