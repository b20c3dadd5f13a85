package dev.slipway.cli;

import dev.slipway.erofs.ErofsImage;
import dev.slipway.erofs.ErofsOptions;
import dev.slipway.erofs.ErofsWriter;
import dev.slipway.source.LoadedTree;
import dev.slipway.source.SourceOptions;
import dev.slipway.source.Sources;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "erofs", mixinStandardHelpOptions = true,
        description = {
            "Writes an uncompressed EROFS filesystem image of SOURCE: a directory, a tarball"
                + " (plain, gzip, xz, zstd or bzip2; POSIX/PAX, GNU or ustar), or an OCI image layout (a"
                + " directory with an oci-layout file; its layers applied in order, every blob's digest checked).",
            "Needs no root, no loop device and no mount. The image depends only on the tree, the epoch and"
                + " the UUID: same input, same bytes.",
            "Hostile archives (paths with '..', absolute paths, entries through symlinks, links to nowhere)"
                + " are refused before anything is written."})
final class ErofsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "SOURCE",
            description = "Directory, tarball or OCI image layout to turn into a filesystem.")
    Path source;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "Image file to write (replaced atomically).")
    Path image;

    @Option(names = "--epoch", paramLabel = "SECONDS",
            description = "Build time; newer mtimes are clamped to it. Default: SOURCE_DATE_EPOCH, else the"
                    + " newest mtime in SOURCE (then nothing is clamped).")
    Long epoch;

    @Option(names = "--uuid", paramLabel = "UUID",
            description = "Filesystem UUID. Default: derived from a digest of the tree's listing.")
    UUID uuid;

    @Option(names = "--label", paramLabel = "NAME", defaultValue = "",
            description = "Volume name, at most 16 bytes.")
    String label;

    @Option(names = "--oci-ref", paramLabel = "NAME",
            description = "For an OCI image layout holding several images: the one whose"
                    + " org.opencontainers.image.ref.name is NAME.")
    String ociReference;

    @Option(names = "--stats", description = "Print how long reading the source and writing the image took, on stderr.")
    boolean stats;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        Timestamp clampTo = Epochs.explicit(epoch);
        Path target = image.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        SourceOptions options = new SourceOptions(clampTo, directory,
                warning -> err.println("slipway erofs: warning: " + warning), ociReference);

        // Written beside the target and renamed into place, so IMAGE is never seen half-written.
        Path partial = directory.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
        long start = System.nanoTime();
        try (LoadedTree loaded = Sources.open(source, options)) {
            FileTree tree = loaded.tree();
            long read = System.nanoTime();
            Timestamp buildTime = clampTo != null ? clampTo : tree.newestMtime();
            byte[] seed = TreeDigest.of(tree);
            UUID volumeUuid = uuid != null ? uuid : TreeDigest.uuidFrom(seed);
            ErofsImage written = ErofsWriter.write(tree, partial,
                    new ErofsOptions(buildTime, volumeUuid, label), output.progress(err));
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            if (stats) {
                long done = System.nanoTime();
                err.printf(java.util.Locale.ROOT, "slipway erofs: stats: read %s in %.2f s, wrote %s in %.2f s (%.0f MB/s)%n",
                        loaded.description(), (read - start) / 1e9, Sizes.human(written.sizeBytes()), (done - read) / 1e9,
                        written.sizeBytes() / ((done - read) / 1e9) / 1e6);
            }
            report(new Result(target.toString(), loaded.description(), written.sizeBytes(), written.blocks(),
                    written.inodes(), volumeUuid.toString(), buildTime.toString(), HexFormat.of().formatHex(seed)));
            return ExitCode.OK;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void report(Result result) {
        var out = spec.commandLine().getOut();
        if (output.json) {
            Json.print(out, result);
        } else {
            out.printf("%s: EROFS, %s (%d blocks), %d inodes, from %s%n", result.image(), Sizes.human(result.bytes()),
                    result.blocks(), result.inodes(), result.source());
            out.printf("uuid %s, build time %s, seed %s%n", result.uuid(), result.buildTime(), result.seed());
            out.flush();
        }
    }

    /** What {@code --json} prints. */
    record Result(String image, String source, long bytes, long blocks, long inodes, String uuid, String buildTime,
                  String seed) {
    }
}
