package dev.slipway.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every profile in image-profiles/ resolves, and its checked-in resolved form is current. */
class ShippedProfilesTest {

    private static final Path PROFILES = Path.of(System.getProperty("slipway.repo", "../.."))
            .resolve("image-profiles").toAbsolutePath().normalize();

    @Test
    void everyShippedProfileHasACurrentResolvedFormBesideIt() throws Exception {
        List<Path> profiles = shippedProfiles();
        assertFalse(profiles.isEmpty(), "no profiles found in " + PROFILES);
        for (Path profile : profiles) {
            Path resolvedFile = Profiles.resolvedFileFor(profile);
            String expected = Profiles.resolve(profile).resolvedToml();
            assertTrue(Files.exists(resolvedFile), resolvedFile + " is missing; run: ./slipway profile resolve --write "
                    + PROFILES.getParent().relativize(profile));
            assertEquals(expected, Files.readString(resolvedFile, StandardCharsets.UTF_8), resolvedFile
                    + " is stale; run: ./slipway profile resolve --write " + PROFILES.getParent().relativize(profile));
        }
    }

    @Test
    void everyResolvedFormBelongsToAProfile() throws IOException {
        try (var files = Files.list(PROFILES)) {
            for (Path file : files.filter(Profiles::isResolvedForm).toList()) {
                String name = file.getFileName().toString();
                Path profile = file.resolveSibling(name.substring(0, name.length() - Profiles.RESOLVED_SUFFIX.length())
                        + ".toml");
                assertTrue(Files.exists(profile), file + " has no profile " + profile.getFileName() + "; delete it");
            }
        }
    }

    private static List<Path> shippedProfiles() throws IOException {
        try (var files = Files.list(PROFILES)) {
            return files.filter(f -> f.toString().endsWith(".toml") && !Profiles.isResolvedForm(f)).sorted().toList();
        }
    }
}
