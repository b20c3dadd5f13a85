package dev.slipway.agent.disk;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the agent keeps its state ({@code /var/lib/slipway} on a node, the {@code --state} directory in
 * disk-image mode): small files, each replaced whole and atomically. After {@link #replace} returns the new
 * bytes are durable; a crash during it leaves the old bytes or the new ones, never a mix.
 */
public interface StateFiles {

    /** The file's bytes, or empty when it does not exist. */
    Optional<byte[]> read(String name) throws IOException;

    /** Replaces {@code name} atomically and durably (write a temporary file, fsync, rename, fsync the directory). */
    void replace(String name, byte[] bytes) throws IOException;
}
