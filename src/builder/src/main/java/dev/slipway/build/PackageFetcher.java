package dev.slipway.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches locked packages the cache lacks from the host's apt sources (the ones mmdebstrap uses
 * too): {@code apt-get download} for the .deb and {@code apt-cache show} for its archive stanza.
 * Works only while the archive still carries those versions; each file must match the lock's
 * digest before it enters the cache.
 */
final class PackageFetcher {

    private PackageFetcher() {
    }

    /** @param specs packages as {@code NAME:ARCH=VERSION} */
    static void fetch(PackageLock lock, List<String> specs, PackageCache cache, Path directory)
            throws IOException, BuildException {
        Files.createDirectories(directory);
        Path stanzas = directory.resolve("stanzas.deb822");
        List<String> show = new ArrayList<>(List.of("apt-cache", "show", "--no-all-versions"));
        show.addAll(specs);
        run(show, directory, stanzas);
        List<String> download = new ArrayList<>(List.of("apt-get", "download"));
        download.addAll(specs);
        run(download, directory, directory.resolve("download.log"));
        Map<String, String> stanzaByDigest = new HashMap<>();
        for (String stanza : Deb822.stanzaTexts(Files.readString(stanzas, StandardCharsets.UTF_8))) {
            String sha256 = Deb822.parse(stanza).getFirst().get("SHA256");
            if (sha256 != null) {
                stanzaByDigest.put(sha256, stanza);
            }
        }
        Map<String, Path> debByDigest = new HashMap<>();
        try (var debs = Files.list(directory)) {
            for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                debByDigest.put(FileDigests.sha256(deb), deb);
            }
        }
        for (DebianPackage p : lock.packages()) {
            Path deb = debByDigest.get(p.sha256());
            String stanza = stanzaByDigest.get(p.sha256());
            if (deb != null && stanza != null) {
                cache.store(deb, p.sha256(), stanza);
            }
        }
    }

    private static void run(List<String> command, Path directory, Path output) throws IOException, BuildException {
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("errors.log").toFile()))
                .start();
        try {
            if (process.waitFor() != 0) {
                String errors = Files.readString(directory.resolve("errors.log"), StandardCharsets.UTF_8).strip();
                throw new BuildException(command.get(0) + " could not fetch the locked packages: " + errors
                        + "\nThe archive no longer has some of these versions and the cache lacks them; a lock can"
                        + " be built only where its packages are cached (see docs/trust.md, \"What can be rebuilt\").");
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching packages", e);
        }
    }
}
