package dev.slipway.agent.disk;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The files of the EFI system partition, where systemd-boot reads its entries, kernels and initrds: the
 * mounted ESP ({@code /efi}) on a node, the FAT inside an image file (through mtools) in disk-image mode,
 * and an in-memory model that loses unsynced changes in the crash tests. Paths are relative to the ESP's
 * root with {@code /} between names ({@code loader/entries/slipway-b+3-0.conf}).
 *
 * <p>FAT promises no order between changes that are not synced, so callers {@link #sync()} between any two
 * changes whose order matters.
 */
public interface EspFiles {

    /** The file's bytes, or empty when there is none. */
    Optional<byte[]> read(String path) throws IOException;

    /** The names of the files directly inside {@code directory} (not its subdirectories), sorted. */
    List<String> list(String directory) throws IOException;

    /**
     * Writes {@code path} whole, making missing directories. A file already there is replaced: after a
     * crash, {@code path} holds the old bytes or the new ones, or (if it did not exist) may be absent.
     */
    void write(String path, byte[] bytes) throws IOException;

    /** Renames a file within its directory; {@code to} must not exist. */
    void rename(String from, String to) throws IOException;

    /** Deletes a file; nothing happens when it is absent. */
    void delete(String path) throws IOException;

    /** Makes every change so far durable. */
    void sync() throws IOException;
}
