package dev.slipway.agent.disk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** Another slipway-agent holds the state directory's lock; the message names it and what to do. */
public final class InstanceLockedException extends IOException {

    private final Path file;
    private final long pid;
    private final String command;

    /**
     * @param pid     the holder's pid, or -1 when its lock file does not say
     * @param command the holder's command, or {@code null} when its lock file does not say
     */
    public InstanceLockedException(Path file, long pid, String command) {
        super(message(file, pid, command));
        this.file = file;
        this.pid = pid;
        this.command = command;
    }

    private static String message(Path file, long pid, String command) {
        String who = pid < 0 ? "another slipway-agent (its lock file names no pid yet)"
                : "slipway-agent (pid " + pid + (command == null ? "" : ", `" + command + "`") + ")";
        return who + " holds " + file + "; wait for it or stop it";
    }

    public Path file() {
        return file;
    }

    public OptionalLong pid() {
        return pid < 0 ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    public Optional<String> command() {
        return Optional.ofNullable(command);
    }
}
