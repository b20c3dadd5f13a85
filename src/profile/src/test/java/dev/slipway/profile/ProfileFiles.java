package dev.slipway.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test profiles and checks where errors point. */
final class ProfileFiles {

    /** A base that resolves on its own. */
    static final String DEBIAN_BASE = """
            [image]
            name = "slipway-base"
            version = "1.0.0"

            [source]
            kind = "debian"
            suite = "bookworm"
            packages = ["systemd", "udev"]
            """;

    private ProfileFiles() {
    }

    /** Writes {@code text} to {@code dir/name}, creating parent directories. */
    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolving {@code profile} fails at {@code file}:{@code line} about {@code key}. */
    static ProfileException failsAt(Path profile, Path file, int line, String key) {
        ProfileException e = assertThrows(ProfileException.class, () -> Profiles.resolve(profile));
        assertEquals(file, e.file(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        return e;
    }
}
