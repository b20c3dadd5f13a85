package dev.slipway.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The .deb files a build installed, kept by SHA-256 with their archive records, so a locked build
 * or a rebuild check can compose the same tree after the archive has moved on. Every file is
 * checked against its digest whenever it is used: the cache is a convenience, never trusted.
 *
 * <p>Layout: {@code ROOT/debian/SHA256.deb} and {@code ROOT/debian/SHA256.stanza} (the package's
 * stanza from the archive's Packages index).
 */
final class PackageCache {

    private final Path directory;

    PackageCache(Path root) {
        this.directory = root.resolve("debian");
    }

    /** $SLIPWAY_CACHE, else $XDG_CACHE_HOME/slipway, else $HOME/.cache/slipway (the account's home without $HOME). */
    static Path defaultRoot() {
        String explicit = System.getenv("SLIPWAY_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getenv("HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache");
        return base.resolve("slipway");
    }

    Path directory() {
        return directory;
    }

    /**
     * Keeps {@code deb} and its archive stanza. The caller found the file by hashing it: {@code sha256}
     * is its digest, not merely what it should have.
     */
    void store(Path deb, String sha256, String stanza) throws IOException {
        Files.createDirectories(directory);
        Path stanzaPath = directory.resolve(sha256 + ".stanza");
        if (Files.isRegularFile(stanzaPath) && Files.isRegularFile(debPath(sha256))
                && Files.size(debPath(sha256)) == Files.size(deb)) {
            return; // already kept; its digest is checked whenever it is used
        }
        writeAtomically(debPath(sha256), temp -> Files.copy(deb, temp, StandardCopyOption.REPLACE_EXISTING));
        writeAtomically(directory.resolve(sha256 + ".stanza"),
                temp -> Files.writeString(temp, stanza, StandardCharsets.UTF_8));
    }

    /** The cached .deb with this digest, checked, or empty when it is missing or damaged. */
    Optional<Path> verifiedDeb(String sha256) throws IOException {
        Path deb = debPath(sha256);
        if (!Files.isRegularFile(deb) || !Files.isRegularFile(directory.resolve(sha256 + ".stanza"))) {
            return Optional.empty();
        }
        return FileDigests.sha256(deb).equals(sha256) ? Optional.of(deb) : Optional.empty();
    }

    String stanza(String sha256) throws IOException {
        return Files.readString(directory.resolve(sha256 + ".stanza"), StandardCharsets.UTF_8);
    }

    /**
     * Lays every cached .deb into {@code directory} under the file name apt gives its downloads
     * ({@code NAME_VERSION_ARCH.deb}, the epoch's colon escaped), hard-linked where the file system
     * allows, so apt finds there what it would download and skips it: apt checks each file against
     * the archive's index before using it. Returns how many were laid out.
     */
    int layOutForApt(Path target) throws IOException {
        Files.createDirectories(target);
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int count = 0;
        try (var stanzas = Files.list(directory)) {
            for (Path stanzaFile : stanzas.filter(f -> f.getFileName().toString().endsWith(".stanza")).sorted().toList()) {
                String sha256 = stanzaFile.getFileName().toString().replace(".stanza", "");
                Map<String, String> fields = Deb822.parse(Files.readString(stanzaFile, StandardCharsets.UTF_8)).getFirst();
                String name = fields.get("Package");
                String version = fields.get("Version");
                String architecture = fields.get("Architecture");
                Path deb = debPath(sha256);
                if (name == null || version == null || architecture == null || !Files.isRegularFile(deb)) {
                    continue;
                }
                Path link = target.resolve(name + "_" + version.replace(":", "%3a") + "_" + architecture + ".deb");
                try {
                    Files.createLink(link, deb);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(deb, link, StandardCopyOption.REPLACE_EXISTING);
                }
                count++;
            }
        }
        return count;
    }

    private Path debPath(String sha256) {
        return directory.resolve(sha256 + ".deb");
    }

    private interface Writer {
        void write(Path temp) throws IOException;
    }

    /** Another build may use the cache at the same time: a file appears whole or not at all. */
    private void writeAtomically(Path target, Writer writer) throws IOException {
        Path temp = Files.createTempFile(directory, ".partial-", "");
        try {
            writer.write(temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
