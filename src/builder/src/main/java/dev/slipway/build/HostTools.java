package dev.slipway.build;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the host programs a build runs, so a missing one stops the build before it starts work. */
final class HostTools {

    private HostTools() {
    }

    /** The program's path on PATH (or in /usr/sbin and /sbin, which a non-root PATH may lack). */
    static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path require(String program, String debianPackage, String neededFor) throws MissingToolException {
        return find(program).orElseThrow(() -> new MissingToolException(program, debianPackage, neededFor));
    }
}
