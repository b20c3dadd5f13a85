package dev.slipway.agent.testing;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * systemd's own reading of an ESP's entries, {@code bootctl list}, as the referee for which entry boots next:
 * it lists entries in systemd-boot's order (entries whose tries ran out last), so the first one listed is
 * what starts. bootctl wants the ESP on a mount point, so the files go to a tmpfs (tests run as root) that is
 * mounted once and refilled for each question.
 */
public final class Bootctl implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("\"path\":\"([^\"]*)\"");

    private final Path mountPoint;

    public Bootctl(Path directory) throws IOException, InterruptedException {
        this.mountPoint = Files.createDirectories(directory);
        Commands.run(List.of("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mountPoint.toString()));
    }

    /** The entry file names in boot order, for an ESP holding {@code files} (ESP path to bytes). */
    public List<String> order(Map<String, byte[]> files) throws IOException, InterruptedException {
        clear();
        for (var file : files.entrySet()) {
            Path target = mountPoint.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        Files.createDirectories(mountPoint.resolve("loader/entries"));
        String out = Commands.run(List.of("env", "SYSTEMD_RELAX_ESP_CHECKS=1", "bootctl", "--esp-path=" + mountPoint,
                "--boot-path=" + mountPoint, "--no-pager", "--json=short", "list"));
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = PATH.matcher(line);
            if (m.find()) {
                names.add(Path.of(m.group(1)).getFileName().toString());
            }
        }
        return names;
    }

    /** The ESP of a disk image, copied out with mtools. */
    public static Map<String, byte[]> espOf(Path disk, long espOffset, Path scratch) throws Exception {
        Path out = Files.createDirectories(scratch.resolve("esp-copy-" + System.nanoTime()));
        Commands.run(List.of("mcopy", "-s", "-n", "-i", disk + "@@" + espOffset, "::/loader", "::/slipway",
                out.toString()), Map.of("MTOOLS_SKIP_CHECK", "1"));
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(out.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private void clear() throws IOException {
        try (Stream<Path> walk = Files.walk(mountPoint)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(mountPoint)) {
                    Files.delete(path);
                }
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Commands.run(List.of("umount", mountPoint.toString()));
    }

}
