package dev.slipway.agent.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link StateFiles} in a directory ({@code /var/lib/slipway} on a node): the directory is made 0700 when missing,
 * each file is 0600 and replaced as {@link Durable#replace} does, through {@code NAME.tmp} beside it.
 */
public final class DirectoryStateFiles implements StateFiles {

    /** A plain name: no directories, no hidden files, and not a temporary file's or the lock's name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final String TEMPORARY_SUFFIX = ".tmp";
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path directory;

    /** The state files in {@code directory}, which is made (0700, durably) when missing. */
    public DirectoryStateFiles(Path directory) throws IOException {
        Durable.makeDirectories(directory, DIRECTORY_MODE);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void replace(String name, byte[] bytes) throws IOException {
        Path target = file(name);
        Durable.replace(target, directory.resolve(name + TEMPORARY_SUFFIX), bytes, FILE_MODE);
    }

    private Path file(String name) {
        if (!NAME.matcher(name).matches() || name.endsWith(TEMPORARY_SUFFIX)
                || name.equals(InstanceLock.FILE_NAME)) {
            throw new IllegalArgumentException("state file name \"" + name + "\" is not a plain name of 1 to 128 "
                    + "of A-Z, a-z, 0-9, '.', '_', '-' (not starting with '.', '_' or '-', not ending in "
                    + TEMPORARY_SUFFIX + ", not " + InstanceLock.FILE_NAME + ")");
        }
        return directory.resolve(name);
    }
}
