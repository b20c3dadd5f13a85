package dev.slipway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An EROFS image loop-mounted read-only by the kernel, for as long as the object is open. Needs
 * root. The loop device goes away with the unmount (mount sets autoclear for {@code -o loop}).
 *
 * <pre>{@code
 * try (MountedImage mounted = MountedImage.erofs(image, tempDir.resolve("mnt"))) {
 *     TreeComparison.assertMatches(tree, mounted.root());
 * }
 * }</pre>
 */
public final class MountedImage implements AutoCloseable {

    private final Path root;
    private boolean mounted = true;

    private MountedImage(Path root) {
        this.root = root;
    }

    /** Mounts {@code image} on {@code mountPoint}, creating the directory if needed. */
    public static MountedImage erofs(Path image, Path mountPoint) throws IOException {
        Files.createDirectories(mountPoint);
        Command.run("mount", "-t", "erofs", "-o", "loop,ro", image.toString(), mountPoint.toString()).check();
        return new MountedImage(mountPoint);
    }

    /** The mounted filesystem's root directory. */
    public Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        if (mounted) {
            mounted = false;
            Command.run("umount", root.toString()).check();
        }
    }
}
