package dev.slipway.build;

import dev.slipway.profile.DebianSource;
import dev.slipway.source.LoadedTree;
import dev.slipway.source.SourceOptions;
import dev.slipway.source.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes a root tree from Debian packages with mmdebstrap, into a tarball that then takes the tar
 * path. Everything that runs programs inside the tree (maintainer scripts, the profile's customize
 * hooks) happens here; after this the tree is only transformed in Java.
 *
 * <p>mmdebstrap is given no mirror, so it uses the host's apt sources. As root it builds in a plain
 * chroot; as another user it needs a user namespace with subordinate id ranges (/etc/subuid). With
 * SOURCE_DATE_EPOCH set, the same package versions give the same tarball.
 *
 * <p>The installed packages are recorded by a customize hook, while apt's package lists are still
 * in the chroot: for each installed package, its archive record (version, source, .deb SHA-256).
 */
final class DebianComposer {

    private static final String PACKAGES_FILE = "packages.deb822";
    /** Where the record is written inside the chroot; mmdebstrap empties /tmp when it cleans up. */
    private static final String PACKAGES_INSIDE = "/tmp/slipway-packages.deb822";

    private DebianComposer() {
    }

    static Composition compose(DebianSource source, ComposeContext context) throws IOException, BuildException {
        Path mmdebstrap = HostTools.require("mmdebstrap", "mmdebstrap", "compose a root tree from Debian packages");
        if (context.epoch() == null) {
            throw new BuildException("a Debian composition needs a build epoch, and none was given: set image.epoch"
                    + " in the profile, SOURCE_DATE_EPOCH, or --epoch");
        }
        if (source.variant().equals("extract")) {
            throw new BuildException("source.variant \"extract\" runs no hooks, so the installed packages could not be"
                    + " recorded; use \"custom\", \"essential\" or a larger variant");
        }
        for (Path hook : source.customizeHooks()) {
            if (!Files.isRegularFile(hook) || !Files.isExecutable(hook)) {
                throw new BuildException("customize hook " + hook + " is missing or not executable (chmod +x it)");
            }
        }
        Path work = context.workDirectory();
        if (work.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new BuildException("the output directory " + context.logDirectory() + " has whitespace in its path,"
                    + " which mmdebstrap's hooks cannot take; choose another with -o");
        }
        Path rootfs = work.resolve("rootfs.tar");
        Path packagesFile = work.resolve(PACKAGES_FILE);
        Path debs = Files.createDirectories(work.resolve("debs"));
        Path log = context.logDirectory().resolve("compose.log");
        String mirror = context.lock() == null ? null
                : LocalArchive.prepare(context.lock(), context.cache(), source.suite(), work.resolve("archive"),
                        context.listener());
        Path cached = mirror == null ? offerCache(context.cache(), work.resolve("cached-debs"), context.listener())
                : null;
        try {
            ExternalProcess.run(command(mmdebstrap, source, rootfs, packagesFile, debs, mirror, cached), environment(context),
                    log, context.listener());
        } catch (ToolFailedException e) {
            throw withHint(e);
        }
        String recordText = readRecordText(packagesFile);
        List<DebianPackage> recorded = readRecorded(recordText);
        LoadedTree loaded = Sources.open(rootfs, new SourceOptions(context.epoch(), work, context.listener()::message));
        try {
            List<DebianPackage> installed = InstalledPackages.match(loaded.tree(), recorded);
            keepDebs(installed, recordText, debs, context.cache(), context.listener());
            if (context.keepRootfs()) {
                Files.move(rootfs, context.logDirectory().resolve("rootfs.tar"), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.delete(rootfs);
            }
            return new Composition(loaded, record(source, installed, context), installed);
        } catch (IOException | BuildException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** The package cache laid out for apt in {@code directory}, or null when it holds nothing. */
    private static Path offerCache(PackageCache cache, Path directory, BuildListener listener) throws IOException {
        int count = cache.layOutForApt(directory);
        if (count == 0) {
            return null;
        }
        listener.message("offering apt " + count + " .debs from the package cache " + cache.directory());
        return directory;
    }

    /**
     * @param debs   where apt's downloads are copied before mmdebstrap cleans them up
     * @param mirror a sources.list line for a locked build's local archive, or null for the host's sources
     * @param cached .debs from the package cache under apt's names, offered to apt so it downloads only
     *               what they lack (apt checks each against the index), or null
     */
    static List<String> command(Path mmdebstrap, DebianSource source, Path rootfs, Path packagesFile, Path debs,
                                String mirror, Path cached) {
        List<String> command = new ArrayList<>(List.of(mmdebstrap.toString(),
                "--variant=" + source.variant(),
                "--architectures=" + source.architecture(),
                "--components=" + String.join(",", source.components()),
                "--format=tar",
                // Keeps the essential packages' .debs in apt's cache too, so all of them can be copied out.
                "--skip=essential/unlink"));
        if (cached != null) {
            // mmdebstrap's documented way to use a persistent package cache.
            command.add("--skip=download/empty");
            command.add("--setup-hook=mkdir -p \"$1\"/var/cache/apt/archives/");
            command.add("--setup-hook=sync-in " + cached + " /var/cache/apt/archives/");
        }
        if (!source.packages().isEmpty()) {
            command.add("--include=" + String.join(",", source.packages()));
        }
        for (Path hook : source.customizeHooks()) {
            command.add("--customize-hook=" + hook);
        }
        // Last, so packages the profile's hooks install are recorded too. It runs the host's dpkg-query and
        // apt-cache on the chroot's database and package lists (a small variant has no apt inside),
        // writes into the chroot, and "download" copies the file out as the calling user: in a user
        // namespace the hook's root may not write to that user's directories.
        command.add("--customize-hook=dpkg-query --admindir=\"$1/var/lib/dpkg\" -W -f '${binary:Package}=${Version}\\n'"
                + " | APT_CONFIG=\"$MMDEBSTRAP_APT_CONFIG\" xargs -r apt-cache show --no-all-versions"
                + " > \"$1" + PACKAGES_INSIDE + "\"");
        command.add("--customize-hook=download " + PACKAGES_INSIDE + " " + packagesFile);
        command.add("--customize-hook=sync-out /var/cache/apt/archives " + debs);
        command.add(source.suite());
        command.add(rootfs.toString());
        if (mirror != null) {
            command.add(mirror);
        }
        return command;
    }

    private static Map<String, String> environment(ComposeContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SOURCE_DATE_EPOCH", Long.toString(context.epoch().seconds()));
        // mmdebstrap assembles the tree in TMPDIR: keep it beside the output, not in a small /tmp.
        env.put("TMPDIR", context.workDirectory().toString());
        env.put("LC_ALL", "C.UTF-8");
        return env;
    }

    private static String readRecordText(Path packagesFile) throws IOException, BuildException {
        if (!Files.exists(packagesFile)) {
            throw new BuildException("mmdebstrap finished but the package record " + packagesFile
                    + " was not written; the customize hook that records packages did not run");
        }
        return Files.readString(packagesFile, StandardCharsets.UTF_8);
    }

    /**
     * Puts every installed package's .deb into the cache with its archive stanza, found among apt's
     * downloads by digest (apt's file names escape the version's epoch).
     */
    private static void keepDebs(List<DebianPackage> installed, String recordText, Path debs, PackageCache cache,
                                 BuildListener listener) throws IOException, BuildException {
        Map<String, String> stanzas = new LinkedHashMap<>();
        for (String stanza : Deb822.stanzaTexts(recordText)) {
            String sha256 = Deb822.parse(stanza).getFirst().get("SHA256");
            if (sha256 != null) {
                stanzas.put(sha256, stanza);
            }
        }
        Map<String, Path> byDigest = new LinkedHashMap<>();
        try (var files = Files.list(debs)) {
            for (Path deb : files.filter(f -> f.getFileName().toString().endsWith(".deb")).sorted().toList()) {
                byDigest.put(FileDigests.sha256(deb), deb);
            }
        }
        for (DebianPackage p : installed) {
            Path deb = byDigest.get(p.sha256());
            if (deb == null) {
                throw new BuildException("the .deb of " + p.name() + " " + p.version() + " was not among apt's"
                        + " downloads, so it cannot be cached for a rebuild; was it installed by a hook from elsewhere?");
            }
            try {
                cache.store(deb, p.sha256(), stanzas.get(p.sha256()));
            } catch (IOException e) {
                // The image does not need the cache; only a later locked build or rebuild check does.
                listener.warning("warning: the package cache " + cache.directory() + " cannot be written ("
                        + (e.getMessage() == null ? e : e.getMessage()) + "); the .debs are not kept, so a locked"
                        + " rebuild will fetch them again (set SLIPWAY_CACHE or --cache to a writable directory)");
                return;
            }
        }
    }

    private static List<DebianPackage> readRecorded(String recordText) throws BuildException {
        List<DebianPackage> packages = new ArrayList<>();
        for (Map<String, String> stanza : Deb822.parse(recordText)) {
            String name = stanza.get("Package");
            String sha256 = stanza.get("SHA256");
            if (name == null || sha256 == null || stanza.get("Version") == null) {
                throw new BuildException("apt's record for " + (name == null ? "a package" : name)
                        + " has no Version or SHA256 field; is the archive index complete?");
            }
            String source = stanza.getOrDefault("Source", name).split(" ")[0];
            packages.add(new DebianPackage(name, stanza.get("Version"), stanza.getOrDefault("Architecture", ""),
                    source, sha256, stanza.getOrDefault("Filename", ""),
                    Long.parseLong(stanza.getOrDefault("Size", "0"))));
        }
        return packages;
    }

    private static SourceRecord record(DebianSource source, List<DebianPackage> installed, ComposeContext context) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("suite", source.suite());
        parameters.put("variant", source.variant());
        parameters.put("architecture", source.architecture());
        parameters.put("components", source.components());
        parameters.put("packages", source.packages());
        parameters.put("customize-hooks", source.customizeHooks().stream()
                .map(hook -> context.profileDirectory().relativize(hook).toString()).toList());
        // The inputs are the packages: one digest over each one's name, version, architecture and .deb
        // digest pins the set. (mmdebstrap's tarball is no pin: it holds the build host's resolv.conf.)
        StringBuilder lines = new StringBuilder();
        for (DebianPackage p : installed) {
            lines.append(p.name()).append(' ').append(p.version()).append(' ').append(p.architecture()).append(' ')
                    .append(p.sha256()).append('\n');
        }
        return new SourceRecord("debian", parameters,
                Map.of("packages-sha256", FileDigests.sha256(lines.toString().getBytes(StandardCharsets.UTF_8))));
    }

    private static ToolFailedException withHint(ToolFailedException e) {
        if ("root".equals(System.getProperty("user.name"))) {
            return e;
        }
        return e.withHint("Not root: mmdebstrap used a user namespace, which needs subordinate id ranges for this"
                + " user in /etc/subuid and /etc/subgid (see docs/builder.md), or run the build as root.");
    }
}
