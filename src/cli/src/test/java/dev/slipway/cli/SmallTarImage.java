package dev.slipway.cli;

import dev.slipway.source.RichTree;
import dev.slipway.source.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A profile that builds fast: a tarball whose /usr is the rich test tree (every file type, xattrs,
 * hard links, large ids), on a disk of small partitions.
 */
final class SmallTarImage {

    private SmallTarImage() {
    }

    /** Writes rootfs.tar and NAME.toml into {@code directory}; returns the profile. */
    static Path create(Path directory, String name, String version) throws IOException {
        Path rootfs = Files.createDirectories(directory.resolve("rootfs"));
        RichTree.create(rootfs.resolve("usr"), false);
        Shell.run("tar", "--format=posix", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-cf",
                directory.resolve("rootfs.tar").toString(), "-C", rootfs.toString(), ".");
        return Files.writeString(directory.resolve(name + ".toml"), """
                [image]
                name = "%s"
                version = "%s"
                [source]
                kind = "tar"
                path = "rootfs.tar"
                [disk]
                esp-mib = 33
                bios-boot-mib = 1
                usr-mib = 24
                oem-mib = 1
                oem-config-mib = 1
                root-mib = 16
                """.formatted(name, version));
    }
}
