package dev.slipway.build.boot;

import dev.slipway.tree.TreePaths;
import dev.slipway.tree.Content;
import dev.slipway.tree.DeviceNode;
import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.FileType;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The initrd's tree, made from the composed image itself: busybox (static), veritysetup and mke2fs
 * with every library they load (found by reading their ELF headers, never by running them), the
 * kernel modules the boot needs after their dependencies, and Slipway's /init. Files keep their
 * modes; owners are root, times the build's, so the same image gives the same initrd.
 */
public final class Initrd {

    /**
     * What /init runs: a shell and its tools, dm-verity's setup, blkid (GPT labels), and for the
     * first boot sfdisk (fresh GUIDs, ROOT grown) and ext4's mkfs.
     */
    public static final List<String> PROGRAMS = List.of("usr/bin/busybox", "usr/sbin/veritysetup", "usr/sbin/mke2fs",
            "usr/sbin/blkid", "usr/sbin/sfdisk");

    /**
     * Disk, bus and filesystem drivers for QEMU (virtio, AHCI), Hyper-V (vmbus, storvsc) and Azure,
     * dm-verity, and the filesystems of /usr and ROOT; those built into the kernel are skipped.
     * crc32c is only a soft dependency of ext4 (modules.dep omits it) and sha256-ssse3 keeps
     * dm-verity off the generic SHA-256.
     */
    public static final List<String> MODULES = List.of("crc32c_generic", "crc32c_intel", "sha256_ssse3", "virtio_pci",
            "virtio_blk", "virtio_scsi", "ahci", "ata_piix", "sd_mod", "nvme", "hv_vmbus", "hv_storvsc", "hv_utils",
            "hv_netvsc", "dm_mod", "dm_verity", "erofs", "ext4", "overlay");

    /** Where the loader of a Debian amd64 system looks for libraries. */
    private static final List<String> LIBRARY_DIRECTORIES = List.of("usr/lib/x86_64-linux-gnu", "usr/lib",
            "usr/lib64");

    /** The modules /init loads, one path per line, in order. */
    public static final String MODULE_LIST = "etc/slipway/modules";

    /** @param modules the module files in load order, as paths inside the initrd */
    public record Contents(FileTree tree, String kernelVersion, List<String> modules) {
    }

    private final FileTree image;
    private final TreeBuilder builder;
    private final Timestamp time;
    private final Set<String> added = new HashSet<>();

    private Initrd(FileTree image, Timestamp time) {
        this.image = image;
        this.time = time;
        this.builder = new TreeBuilder(time);
    }

    public static Contents assemble(FileTree image, byte[] init, Timestamp time) throws IOException, BootException {
        return new Initrd(image, time).assemble(init);
    }

    private Contents assemble(byte[] init) throws IOException, BootException {
        try {
            for (String dir : List.of("usr/bin", "usr/sbin", "usr/lib", "usr/lib64", "dev", "proc", "sys", "run", "tmp",
                    "sysroot", "etc/slipway")) {
                builder.addDirectory(dir, directory());
            }
            for (String link : List.of("bin", "sbin", "lib", "lib64")) {
                builder.add(link, new Symlink(Metadata.of(0777, 0, 0, time), "usr/" + link));
            }
            // /init's interpreter; busybox installs its other applets when /init starts.
            builder.add("usr/bin/sh", new Symlink(Metadata.of(0777, 0, 0, time), "busybox"));
            builder.add("dev/console", new DeviceNode(Metadata.of(0600, 0, 0, time), FileType.CHAR_DEVICE, 5, 1));
            builder.add("init", new RegularFile(Metadata.of(0755, 0, 0, time), Content.ofBytes(init)));
            for (String program : PROGRAMS) {
                copyWithLibraries(program);
            }
            if (TreePaths.resolve(image, "etc/mke2fs.conf").isPresent()) {
                copy("etc/mke2fs.conf");
            }
            String version = kernelVersion();
            String modulesDir = "usr/lib/modules/" + version;
            KernelModules kernel = new KernelModules(text(modulesDir + "/modules.dep"),
                    text(modulesDir + "/modules.builtin"));
            List<String> order;
            try {
                order = kernel.loadOrder(MODULES);
            } catch (IllegalArgumentException e) {
                throw new BootException("the image's kernel " + version + " cannot boot a Slipway node: " + e.getMessage());
            }
            List<String> paths = new ArrayList<>();
            for (String module : order) {
                copy(modulesDir + "/" + module);
                paths.add("/" + modulesDir + "/" + module);
            }
            builder.add(MODULE_LIST, new RegularFile(Metadata.of(0644, 0, 0, time), Content.ofBytes(
                    (paths.isEmpty() ? "" : String.join("\n", paths) + "\n").getBytes(StandardCharsets.UTF_8))));
            return new Contents(builder.build(), version, List.copyOf(paths));
        } catch (InvalidEntryException e) {
            throw new BootException("assembling the initrd failed: " + e.getMessage());
        }
    }

    /** The one kernel whose modules the image carries. */
    private String kernelVersion() throws BootException {
        var modules = TreePaths.resolve(image, "usr/lib/modules").map(TreePaths.Resolved::node).orElse(null);
        if (!(modules instanceof Directory directory) || directory.entries().size() != 1) {
            throw new BootException("the image must carry exactly one kernel's modules under /usr/lib/modules to get"
                    + " an initrd; it has " + (modules instanceof Directory d ? d.entries().keySet() : "none")
                    + " (add linux-image-amd64 to source.packages)");
        }
        return directory.entries().firstKey();
    }

    /** Copies an ELF program or library and, transitively, its loader and every library it names. */
    private void copyWithLibraries(String program) throws IOException, BootException, InvalidEntryException {
        Deque<String> pending = new ArrayDeque<>(List.of(program));
        while (!pending.isEmpty()) {
            String path = pending.removeFirst();
            RegularFile file = copy(path);
            if (file == null) {
                continue;
            }
            byte[] bytes = file.readAllBytes();
            ElfFile elf;
            try {
                elf = ElfFile.parse(bytes, "/" + path);
            } catch (IllegalArgumentException e) {
                throw new BootException("the initrd needs /" + path + ": " + e.getMessage());
            }
            elf.interpreter().ifPresent(interpreter -> pending.add(interpreter.substring(1)));
            for (String library : elf.needed()) {
                pending.add(findLibrary(library, path));
            }
        }
    }

    private String findLibrary(String name, String neededBy) throws BootException {
        for (String directory : LIBRARY_DIRECTORIES) {
            String candidate = directory + "/" + name;
            if (TreePaths.resolve(image, candidate).filter(r -> r.node() instanceof RegularFile).isPresent()) {
                return candidate;
            }
        }
        throw new BootException("/" + neededBy + " needs " + name + ", which the image does not have in "
                + LIBRARY_DIRECTORIES);
    }

    /**
     * Copies the file at {@code path} to the same path in the initrd, with the symlinks on the way
     * (missing parents appear as root-owned 0755 directories); returns it, or null when it was
     * copied before.
     */
    private RegularFile copy(String path) throws BootException, InvalidEntryException {
        TreePaths.Resolved resolved = TreePaths.resolve(image, path).orElseThrow(() -> new BootException(
                "the initrd needs /" + path + ", which the image does not have"));
        if (!(resolved.node() instanceof RegularFile file)) {
            throw new BootException("the initrd needs /" + path + " to be a file; it is a " + resolved.node().type());
        }
        for (Map.Entry<String, Symlink> link : resolved.links().entrySet()) {
            if (added.add(link.getKey()) && !link.getKey().matches("(bin|sbin|lib|lib64)")) {
                builder.add(link.getKey(), new Symlink(Metadata.of(0777, 0, 0, time), link.getValue().target()));
            }
        }
        if (!added.add(resolved.path())) {
            return null;
        }
        builder.add(resolved.path(), new RegularFile(Metadata.of(file.metadata().permissions() & 0755, 0, 0, time),
                file.content()));
        return file;
    }

    private Metadata directory() {
        return Metadata.of(0755, 0, 0, time);
    }

    private String text(String path) throws IOException, BootException {
        Node node = TreePaths.resolve(image, path).map(TreePaths.Resolved::node).orElse(null);
        if (!(node instanceof RegularFile file)) {
            throw new BootException("the image's kernel has no /" + path + "; was depmod run?");
        }
        return new String(file.readAllBytes(), StandardCharsets.UTF_8);
    }
}
