package dev.slipway.cli;

import dev.slipway.source.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An unprivileged account for rootless-build tests, with the subordinate uid and gid ranges that
 * mmdebstrap's user-namespace mode needs. Created once per machine, then reused.
 */
final class RootlessUser {

    static final String NAME = "slipway-rootless";
    private static final String RANGE = "300000-365535";

    private RootlessUser() {
    }

    static synchronized String ensure() throws IOException {
        if (!Shell.sh("getent passwd " + NAME + " || true").contains(NAME)) {
            Shell.run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME);
        }
        if (!hasRange("/etc/subuid") || !hasRange("/etc/subgid")) {
            Shell.run("usermod", "--add-subuids", RANGE, "--add-subgids", RANGE, NAME);
        }
        return NAME;
    }

    private static boolean hasRange(String file) throws IOException {
        Path path = Path.of(file);
        return Files.exists(path) && Files.readString(path).contains(NAME + ":");
    }
}
