package dev.slipway.build;

import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The EFI system partition: a FAT32 filesystem made in place inside the disk file by mkfs.fat
 * (dosfstools) and filled by mtools, so no root, loop device or mount is needed.
 *
 * <p>Reproducible: mkfs.fat runs with {@code --invariant} and a volume id from the build's seed;
 * mtools writes the epoch as every time (SOURCE_DATE_EPOCH, in UTC, since FAT stores local time),
 * and directories and files are added one directory at a time in byte order of their names, so
 * the directory entries do not follow the staging filesystem's readdir order.
 */
final class EspFilesystem {

    static final String LABEL = "EFI-SYSTEM";
    private static final long SECTOR = 512;
    /** FAT32 wants at least 65525 clusters; keep a margin. */
    private static final long MIN_CLUSTERS = 66_000;

    private EspFilesystem() {
    }

    /** Stops with the Debian package to install when mkfs.fat or mtools is missing. */
    static void requireTools() throws MissingToolException {
        HostTools.require("mkfs.fat", "dosfstools", "make the EFI system partition's FAT filesystem");
        HostTools.require("mcopy", "mtools", "copy files into the EFI system partition without mounting it");
    }

    /**
     * Formats {@code size} bytes at {@code offset} of {@code disk} and copies {@code files} in.
     *
     * @param staging an empty directory for the files' contents on their way in
     */
    static void write(Path disk, long offset, long size, FileTree files, int volumeId, Timestamp epoch, Path staging,
                      Path log, BuildListener listener) throws IOException, BuildException {
        requireTools();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SOURCE_DATE_EPOCH", Long.toString(epoch.seconds()));
        env.put("TZ", "UTC");
        env.put("MTOOLS_SKIP_CHECK", "1");
        ExternalProcess.run(List.of("mkfs.fat", "--invariant", "-i", String.format(Locale.ROOT, "%08X", volumeId),
                "-n", LABEL, "-F", "32", "-s", Long.toString(sectorsPerCluster(size)),
                "--offset", Long.toString(offset / SECTOR), disk.toString(), Long.toString(size / 1024)), env, log, listener);
        String image = disk + "@@" + offset;
        List<String> directories = new ArrayList<>();
        Map<String, List<String>> filesByDirectory = new LinkedHashMap<>();
        stage(files.root(), "", staging, epoch, directories, filesByDirectory);
        if (!directories.isEmpty()) {
            List<String> mmd = new ArrayList<>(List.of("mmd", "-i", image));
            directories.forEach(d -> mmd.add("::/" + d));
            ExternalProcess.run(mmd, env, log, listener);
        }
        for (var entry : filesByDirectory.entrySet()) {
            List<String> mcopy = new ArrayList<>(List.of("mcopy", "-m", "-i", image));
            entry.getValue().forEach(f -> mcopy.add(staging.resolve(f).toString()));
            mcopy.add("::/" + entry.getKey());
            ExternalProcess.run(mcopy, env, log, listener);
        }
    }

    /** The cluster size that gives FAT32 enough clusters in a small partition (at most 4 KiB). */
    static long sectorsPerCluster(long size) {
        long sectors = 8;
        while (sectors > 1 && size / (SECTOR * sectors) < MIN_CLUSTERS) {
            sectors /= 2;
        }
        return sectors;
    }

    private static void stage(Directory directory, String path, Path staging, Timestamp epoch, List<String> directories,
                              Map<String, List<String>> filesByDirectory) throws IOException, BuildException {
        for (var entry : directory.entries().entrySet()) {
            String child = path.isEmpty() ? entry.getKey() : path + "/" + entry.getKey();
            Node node = entry.getValue();
            if (node instanceof Directory sub) {
                directories.add(child);
                stage(sub, child, staging, epoch, directories, filesByDirectory);
            } else if (node instanceof RegularFile file) {
                Path staged = staging.resolve(child);
                Files.createDirectories(staged.getParent());
                copy(file, staged);
                Files.setLastModifiedTime(staged, FileTime.from(epoch.toInstant()));
                filesByDirectory.computeIfAbsent(path, k -> new ArrayList<>()).add(child);
            } else {
                throw new BuildException("the EFI system partition holds only files and directories; /" + child
                        + " is a " + node.type().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void copy(RegularFile file, Path target) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (file.size() > 0) {
                file.content().copyTo(0, file.size(), out, 0);
            }
        }
    }
}
