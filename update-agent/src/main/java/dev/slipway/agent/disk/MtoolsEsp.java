package dev.slipway.agent.disk;

import dev.slipway.gpt.FlatcarLayout;
import dev.slipway.gpt.PartitionEntry;
import dev.slipway.gpt.PartitionTable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EspFiles} on the FAT filesystem inside a disk image file, through mtools (disk-image mode: no root, no
 * loop device, no mount). Each call first lists the whole filesystem ({@code mdir -/ -b}: an ESP holds tens of
 * entries), so it knows what exists as FAT does, case-insensitively. A write copies the bytes to a file of the
 * same name in the directory {@code .slipway-tmp} beside it ({@code mcopy -o}), moves that over the target
 * ({@code mmove -D o}) and removes the directory, so an interrupted write leaves the old file and a stale
 * temporary directory, which lists do not show and the next write replaces. {@link #sync()} fsyncs the image file,
 * which holds what every mtools run wrote.
 *
 * <p>A {@link #rename} is one {@code mren}, which keeps a name's case except in one case: from a name FAT must
 * store as a long name to one that fits 8.3 in lower case ({@code x.conf.old} to {@code vmlinuz}), mtools 4.0.32
 * stores the new name in upper case. FAT, UEFI and systemd-boot ignore case; systemd-boot's entry names
 * ({@code NAME+TRIES.conf}, a four-letter extension) are always long names and keep theirs.
 */
public final class MtoolsEsp implements EspFiles {

    private final Path image;
    private final Mtools mtools;

    /** The FAT filesystem starting {@code offset} bytes into {@code image}. */
    public MtoolsEsp(Path image, long offset) {
        if (image.toString().contains("@@") || offset < 0) {
            throw new IllegalArgumentException("mtools cannot address " + image + " at " + offset
                    + ": the path must not hold \"@@\" and the offset must not be negative");
        }
        this.image = image;
        this.mtools = new Mtools(image, offset);
    }

    /**
     * The ESP of the GPT disk image {@code image}: partition 1 when it has the EFI System type (Flatcar's layout),
     * else the first partition that has it.
     */
    public static MtoolsEsp inDiskImage(Path image) throws IOException {
        PartitionTable table;
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            table = PartitionTable.read(channel).table();
        }
        Optional<PartitionEntry> esp = table.partition(FlatcarLayout.EFI_SYSTEM.number()).filter(MtoolsEsp::isEsp)
                .or(() -> table.partitions().values().stream().filter(MtoolsEsp::isEsp).findFirst());
        if (esp.isEmpty()) {
            throw new IOException(image + " has no EFI system partition (type " + FlatcarLayout.TYPE_EFI_SYSTEM
                    + ") in its GPT");
        }
        return new MtoolsEsp(image, esp.get().firstByte());
    }

    private static boolean isEsp(PartitionEntry entry) {
        return entry.type().equals(FlatcarLayout.TYPE_EFI_SYSTEM);
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        EspPaths.file(path);
        Entry entry = entries().get(key(path));
        if (entry == null || entry.directory()) {
            return Optional.empty();
        }
        return Optional.of(mtools.run("mtype", null, "::/" + entry.path()));
    }

    @Override
    public List<String> list(String directory) throws IOException {
        EspPaths.directory(directory);
        return entries().values().stream()
                .filter(e -> !e.directory() && EspPaths.parent(e.path()).equalsIgnoreCase(directory))
                .map(e -> EspPaths.name(e.path())).filter(name -> !EspPaths.isTemporary(name)).sorted().toList();
    }

    @Override
    public void write(String path, byte[] bytes) throws IOException {
        List<String> names = EspPaths.file(path);
        Map<String, Entry> entries = entries();
        List<String> missing = new ArrayList<>();
        String prefix = "";
        for (String name : names.subList(0, names.size() - 1)) {
            prefix = prefix.isEmpty() ? name : prefix + "/" + name;
            Entry entry = entries.get(key(prefix));
            if (entry == null) {
                missing.add("::/" + prefix);
            } else if (!entry.directory()) {
                throw new IOException("cannot write ESP file " + path + ": " + prefix + " is a file");
            }
        }
        Entry existing = entries.get(key(path));
        if (existing != null && existing.directory()) {
            throw new IOException("cannot write ESP file " + path + ": it is a directory");
        }
        // The bytes go to a file of the final name in a temporary directory beside it, which is then moved into
        // place: mcopy keeps a lower-case 8.3 name's case (vmlinuz, initrd.img), mren from a long name does not.
        String parent = EspPaths.parent(path);
        String staging = (parent.isEmpty() ? "" : parent + "/") + EspPaths.TEMPORARY_SUFFIX;
        if (!entries.containsKey(key(staging))) {
            missing.add("::/" + staging);
        }
        if (!missing.isEmpty()) {
            mtools.run("mmd", null, missing.toArray(String[]::new));
        }
        mtools.run("mcopy", bytes, "-o", "-", "::/" + staging + "/" + names.getLast());
        mtools.run("mmove", null, "-D", "o", "::/" + staging + "/" + names.getLast(), "::/" + parent
                + (parent.isEmpty() ? "" : "/"));
        mtools.run("mdeltree", null, "::/" + staging);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        EspPaths.file(from);
        EspPaths.file(to);
        if (!EspPaths.parent(from).equals(EspPaths.parent(to))) {
            throw new IllegalArgumentException("ESP rename from " + from + " to " + to + " changes directory; "
                    + "only a rename within a directory is supported");
        }
        Map<String, Entry> entries = entries();
        Entry source = entries.get(key(from));
        if (source == null || source.directory()) {
            throw new NoSuchFileException(from, null, "no ESP file to rename in " + image);
        }
        if (entries.containsKey(key(to))) {
            throw new FileAlreadyExistsException(to, null, "cannot rename ESP file " + from + " in " + image
                    + ": the name exists (FAT names ignore case)");
        }
        mtools.run("mren", null, "::/" + source.path(), EspPaths.name(to));
    }

    @Override
    public void delete(String path) throws IOException {
        EspPaths.file(path);
        Entry entry = entries().get(key(path));
        if (entry == null) {
            return;
        }
        if (entry.directory()) {
            throw new IOException("cannot delete ESP file " + path + " in " + image + ": it is a directory");
        }
        mtools.run("mdel", null, "::/" + entry.path());
    }

    /** fsync of the image file: every mtools run has written into it, and its pages are the kernel's to flush. */
    @Override
    public void sync() throws IOException {
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** One entry of the filesystem: its path as FAT spells it, and whether it is a directory. */
    private record Entry(String path, boolean directory) {
    }

    /** Every file and directory, keyed by {@link #key}. */
    private Map<String, Entry> entries() throws IOException {
        String[] arguments = {"-/", "-b", "-a", "::/"};
        Mtools.Result result = mtools.attempt("mdir", null, arguments);
        if (result.exitCode() != 0) {
            // mdir fails this way, and only this way, on an empty root directory.
            if (result.stdout().length == 0 && result.stderr().strip().equals("mdir: File \"::/\" not found")) {
                return Map.of();
            }
            throw mtools.failure("mdir", arguments, result);
        }
        Map<String, Entry> entries = new HashMap<>();
        for (String line : new String(result.stdout(), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("::/") && line.length() > 3) {
                boolean directory = line.endsWith("/");
                String path = line.substring(3, directory ? line.length() - 1 : line.length());
                entries.put(key(path), new Entry(path, directory));
            }
        }
        return entries;
    }

    /** FAT compares names without case. */
    private static String key(String path) {
        return path.toLowerCase(Locale.ROOT);
    }
}
