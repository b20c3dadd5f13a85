package dev.slipway.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Debian archive holding exactly a lock's packages, made in the work directory from the package
 * cache, so mmdebstrap resolves the same package set from it with no network: each .deb at its
 * pool path, the Packages index built from the archive's own stanzas (their Priority and
 * dependencies are what the original resolution saw) and a Release naming the suite. Nothing in
 * it is signed; every .deb was checked against the lock's digest on the way in.
 */
final class LocalArchive {

    private LocalArchive() {
    }

    /**
     * Writes the archive into {@code directory} and returns the sources.list line for mmdebstrap.
     * A package missing from the cache is fetched from the host's apt sources, if they still have
     * that version.
     */
    static String prepare(PackageLock lock, PackageCache cache, String suite, Path directory, BuildListener listener)
            throws IOException, BuildException {
        Files.createDirectories(directory);
        Map<String, Path> debs = new HashMap<>();
        List<DebianPackage> missing = new ArrayList<>();
        for (DebianPackage p : lock.packages()) {
            cache.verifiedDeb(p.sha256()).ifPresentOrElse(deb -> debs.put(p.sha256(), deb), () -> missing.add(p));
        }
        if (!missing.isEmpty()) {
            listener.message(missing.size() + " locked packages are not in the cache " + cache.directory()
                    + "; fetching them from the host's apt sources");
            PackageFetcher.fetch(lock, missing.stream().map(p -> p.name() + ":" + p.architecture() + "=" + p.version())
                    .toList(), cache, directory.resolveSibling("fetch"));
            for (DebianPackage p : missing) {
                cache.verifiedDeb(p.sha256()).ifPresent(deb -> debs.put(p.sha256(), deb));
            }
        }
        StringBuilder index = new StringBuilder();
        for (DebianPackage p : lock.packages()) {
            Path deb = Optional.ofNullable(debs.get(p.sha256())).orElseThrow(() -> new BuildException(p.name() + " "
                    + p.version()
                    + " (.deb SHA-256 " + p.sha256() + ") could not be fetched with that digest; the lock cannot be"
                    + " built on this machine"));
            Path target = directory.resolve(p.filename()).normalize();
            if (p.filename().isEmpty() || !target.startsWith(directory)) {
                throw new BuildException("the lock gives " + p.name() + " the pool path \"" + p.filename()
                        + "\", which is not inside an archive");
            }
            Files.createDirectories(target.getParent());
            Files.copy(deb, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            index.append(cache.stanza(p.sha256()).strip()).append("\n\n");
        }
        byte[] packages = index.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(directory.resolve("Packages"), packages);
        String architectures = String.join(" ", lock.packages().stream().map(DebianPackage::architecture)
                .distinct().sorted().toList());
        // apt wants a Release that lists the index it reads; [trusted=yes] stands in for a signature
        // because each .deb was already checked against the lock.
        String release = "Suite: " + suite + "\nCodename: " + suite + "\nArchitectures: " + architectures
                + "\nSHA256:\n " + FileDigests.sha256(packages) + " " + packages.length + " Packages\n";
        Files.writeString(directory.resolve("Release"), release, StandardCharsets.UTF_8);
        makeReadable(directory);
        return "deb [trusted=yes] copy://" + directory + " ./";
    }

    /** apt's unprivileged downloader and a user namespace's root both read the archive. */
    private static void makeReadable(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
