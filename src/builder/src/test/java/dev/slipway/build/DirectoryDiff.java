package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.testing.Command;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Compares two directory trees with the standard tools only: find's view of every name (type, mode,
 * owner, group, mtime, link count, size of non-directories, link target), getfattr's xattrs, and
 * sha256sum for file contents. No Slipway code reads either side.
 */
final class DirectoryDiff {

    private DirectoryDiff() {
    }

    static void assertSame(Path expected, Path actual) throws IOException {
        assertEquals(listing(expected), listing(actual), "find listing of " + actual + " vs " + expected);
        assertEquals(xattrs(expected), xattrs(actual), "getfattr of " + actual + " vs " + expected);
        assertEquals(contents(expected), contents(actual), "sha256sum of the regular files of " + actual);
    }

    /**
     * Adds to a reference /usr what a build adds to the composed tree, copied with its metadata from
     * the image after checking it: the SBOM at share/slipway/ (the bytes beside the image) and the
     * stamped lib/os-release (the distribution's lines kept, the image's three appended). The rest of
     * the comparison stays between the referee's tree and the image; parents keep their mtimes.
     */
    static void addWhatTheBuildAdds(Path referenceUsr, Path mountedUsr, Path sbom, String imageName,
                                    String imageVersion) throws IOException {
        Path osRelease = referenceUsr.resolve("lib/os-release");
        if (java.nio.file.Files.isDirectory(referenceUsr.resolve("lib"))) {
            String original = java.nio.file.Files.exists(osRelease) ? java.nio.file.Files.readString(osRelease) : "";
            String expected = original.lines().filter(l -> !l.isBlank()).map(l -> l + "\n")
                    .collect(java.util.stream.Collectors.joining())
                    + "IMAGE_ID=" + imageName + "\nIMAGE_VERSION=" + imageVersion + "\nSYSEXT_LEVEL=1.0\n";
            assertEquals(expected, java.nio.file.Files.readString(mountedUsr.resolve("lib/os-release")));
            var libTime = java.nio.file.Files.getLastModifiedTime(referenceUsr.resolve("lib"));
            Command.run("cp", "-a", mountedUsr.resolve("lib/os-release").toString(), osRelease.toString()).check();
            java.nio.file.Files.setLastModifiedTime(referenceUsr.resolve("lib"), libTime);
        }
        addSbom(referenceUsr, mountedUsr, sbom);
        if (java.nio.file.Files.exists(mountedUsr.resolve("lib/slipway/boot-status"))) {
            String units = "lib/systemd/system/";
            String[][] files = {{"lib/slipway/boot-status", "boot-status"}, {"lib/slipway/health-check", "health-check"},
                {units + "slipway-boot-status.service", "slipway-boot-status.service"},
                {units + "slipway-health.service", "slipway-health.service"},
                {units + "boot-complete.target.d/slipway.conf", "boot-complete.conf"}};
            for (String[] file : files) {
                assertEquals(new String(dev.slipway.build.boot.BootFiles.resource(file[1])),
                        java.nio.file.Files.readString(mountedUsr.resolve(file[0])), file[0]);
                copyFromImage(referenceUsr, mountedUsr, file[0]);
            }
            for (String link : new String[] {units + "multi-user.target.wants/slipway-boot-status.service",
                    units + "boot-complete.target.requires/slipway-health.service"}) {
                copyFromImage(referenceUsr, mountedUsr, link);
            }
        }
    }

    /** Copies one path from the image into the reference, keeping the mtimes of its existing parents. */
    private static void copyFromImage(Path referenceUsr, Path mountedUsr, String path) throws IOException {
        Path target = referenceUsr.resolve(path);
        java.util.List<Path> parents = new java.util.ArrayList<>();
        for (Path p = target.getParent(); p != null && p.startsWith(referenceUsr); p = p.getParent()) {
            parents.add(p);
        }
        java.util.Map<Path, java.nio.file.attribute.FileTime> times = new java.util.HashMap<>();
        for (Path parent : parents) {
            if (java.nio.file.Files.isDirectory(parent)) {
                times.put(parent, java.nio.file.Files.getLastModifiedTime(parent));
            }
        }
        Command.run("sh", "-c", "cd \"$1\" && cp -a --parents \"$2\" \"$3\"", "sh", mountedUsr.toString(), path,
                referenceUsr.toString()).check();
        for (var entry : times.entrySet()) {
            java.nio.file.Files.setLastModifiedTime(entry.getKey(), entry.getValue());
        }
    }

    private static void addSbom(Path referenceUsr, Path mountedUsr, Path sbom) throws IOException {
        Path inImage = mountedUsr.resolve("share/slipway/sbom.cdx.json");
        assertEquals(-1, java.nio.file.Files.mismatch(sbom, inImage), "the SBOM in /usr is the one beside the image");
        Path share = referenceUsr.resolve("share");
        if (java.nio.file.Files.isDirectory(share)) {
            var shareTime = java.nio.file.Files.getLastModifiedTime(share);
            Command.run("cp", "-a", mountedUsr.resolve("share/slipway").toString(), share.toString()).check();
            java.nio.file.Files.setLastModifiedTime(share, shareTime);
        } else {
            Command.run("cp", "-a", mountedUsr.resolve("share").toString(), referenceUsr.toString()).check();
        }
    }

    /**
     * slipway-agent staged as docs/updates.md ("On the node") says the build lays it over the tree, made here
     * with jlink, cp and ln from the agent's distribution: a referee for {@code AgentBundle}, laid over a
     * reference like the first of the profile's trees.
     */
    static Path agentTree(Path distribution, Path trust, Path stage) throws IOException {
        String script = """
                set -e
                d=$1; s=$3
                home=$s/usr/lib/slipway-agent; units=$s/usr/lib/systemd/system
                mkdir -p "$home" "$s/usr/bin" "$units/multi-user.target.wants" "$units/boot-complete.target.requires" \
                    "$s/etc/slipway"
                "$4/bin/jlink" @"$d/jlink.options" --output "$home/runtime"
                cp -r "$d/app" "$home/app"
                cp "$d/jvm.options" "$home/"
                cp "$d/slipway-agent" "$s/usr/bin/" && chmod 755 "$s/usr/bin/slipway-agent"
                cp "$d/systemd/slipway-agent.service" "$d/systemd/slipway-agent-health.service" "$units/"
                ln -s ../slipway-agent.service "$units/multi-user.target.wants/"
                ln -s ../slipway-agent-health.service "$units/boot-complete.target.requires/"
                cp "$d/agent.toml" "$s/etc/slipway/agent.toml"
                cp "$2" "$s/etc/slipway/trust.pem"
                """;
        Command.run("bash", "-c", script, "bash", distribution.toString(), trust.toString(), stage.toString(),
                System.getProperty("java.home")).check();
        return stage;
    }

    /**
     * What docs/builder.md says a build does to the composed tree before writing /usr, done with
     * rm, find, cp and touch on a referee's extraction ({@code root} holding usr/ and etc/; no
     * Slipway code): the normalisation rules for /etc, the default policy (package managers, docs but
     * copyright files, man and info pages, translations), and /etc's defaults copied to
     * usr/share/factory/etc without machine-id. Directory mtimes are put back, as the build's edits leave parents alone;
     * directories the build creates get {@code buildTime} (seconds[.nanoseconds]).
     */
    static void applyBuildRules(Path root, String buildTime) throws IOException {
        applyBuildRules(root, buildTime, java.util.List.of());
    }

    /**
     * The same, after laying the profile's {@code trees} over {@code root} as docs/profiles.md says:
     * root's files, 0755 if executable else 0644, directories 0755, the build time; the image's
     * existing directories keep their metadata (GNU tar's --no-overwrite-dir).
     */
    static void applyBuildRules(Path root, String buildTime, java.util.List<Path> trees) throws IOException {
        String script = """
                set -e
                cd "$1"
                find . -type d -printf '%T@ %p\\n' > ../.dir-times
                for tree in "${@:3}"; do
                    stage=$(mktemp -d)
                    cp -a "$tree/." "$stage/"
                    find "$stage" -type d -exec chmod 755 {} +
                    find "$stage" -type f -perm /111 -exec chmod 755 {} +
                    find "$stage" -type f ! -perm /111 -exec chmod 644 {} +
                    tar -C "$stage" --owner=0 --group=0 --numeric-owner --mtime="@$2" -cf - . \\
                        | tar -C . --no-overwrite-dir -xpf -
                    rm -rf "$stage"
                done
                rm -f etc/hostname etc/resolv.conf
                if [ -f etc/machine-id ]; then touch -r etc/machine-id ../.mid; : > etc/machine-id; touch -r ../.mid etc/machine-id; rm ../.mid; fi
                rm -rf etc/apt etc/dpkg etc/debconf.conf
                cd usr
                rm -rf bin/dpkg bin/dpkg-* sbin/dpkg-* lib/dpkg libexec/dpkg share/dpkg bin/apt bin/apt-* lib/apt \\
                    lib/*/libapt-* share/bash-completion/completions/apt* bin/debconf bin/debconf-* \\
                    sbin/dpkg-reconfigure sbin/dpkg-preconfigure share/debconf share/perl5/Debconf \\
                    share/perl5/Debian/DebConf share/man share/info share/lintian share/linda
                if [ -d share/doc ]; then find share/doc -mindepth 2 -maxdepth 2 ! -name copyright -exec rm -rf {} +; fi
                if [ -d share/locale ]; then find share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +; fi
                cd ..
                while read -r time path; do if [ -d "$path" ]; then touch -h -d "@$time" "$path"; fi; done < ../.dir-times
                rm ../.dir-times
                if [ -d etc ]; then
                    for d in usr/share usr/share/factory; do
                        if [ ! -d "$d" ]; then
                            p=$(stat -c '%.9Y' "$(dirname "$d")")
                            mkdir -m 0755 "$d"; touch -d "@$2" "$d"; touch -d "@$p" "$(dirname "$d")"
                        fi
                    done
                    f=$(stat -c '%.9Y' usr/share/factory)
                    cp -a etc usr/share/factory/etc
                    rm -f usr/share/factory/etc/machine-id
                    touch -r etc usr/share/factory/etc
                    touch -d "@$f" usr/share/factory
                fi
                """;
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", "-c", script, "bash",
                root.toString(), buildTime));
        trees.forEach(tree -> command.add(tree.toString()));
        Command.run(command).check();
    }

    /** The newest mtime under {@code root} (seconds.nanoseconds): a build's epoch when none is given. */
    static String newestMtime(Path root) throws IOException {
        return Command.run("sh", "-c", "find \"$1\" -printf '%T@\\n' | sort -n | tail -n 1", "sh", root.toString())
                .check().out().strip();
    }

    private static String listing(Path root) throws IOException {
        // Directory sizes are the filesystem's business, not the tree's: print them as 0.
        String format = "%P\\t%y\\t%m\\t%U\\t%G\\t%T@\\t%n\\t%l\\t%s\\n";
        String script = "cd \"$1\" && find . -mindepth 1 \\( -type d -printf '" + format.replace("%s", "0") + "' \\)"
                + " -o -printf '" + format + "' | LC_ALL=C sort";
        return Command.run("sh", "-c", script, "sh", root.toString()).check().out();
    }

    private static String contents(Path root) throws IOException {
        String script = "cd \"$1\" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum";
        return Command.run("sh", "-c", script, "sh", root.toString()).check().out();
    }

    private static String xattrs(Path root) throws IOException {
        String script = "cd \"$1\" && getfattr -R -P -d -m - -e hex . 2>/dev/null; true";
        String out = Command.run("sh", "-c", script, "sh", root.toString()).check().out();
        // getfattr lists in readdir order, which differs between filesystems: sort its per-file blocks.
        return java.util.Arrays.stream(out.split("\n\n")).map(String::strip).filter(b -> !b.isEmpty()).sorted()
                .collect(java.util.stream.Collectors.joining("\n\n"));
    }
}
