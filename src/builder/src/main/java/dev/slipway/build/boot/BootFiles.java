package dev.slipway.build.boot;

import dev.slipway.boot.BootEntry;
import dev.slipway.tree.TreePaths;
import dev.slipway.cpio.CpioWriter;
import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.tree.TreeEdits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What boots a slot: the image's kernel, Slipway's initrd made from the image, and the systemd-boot
 * entry that pins the slot's dm-verity root hash; and the EFI system partition of a fresh disk,
 * holding systemd-boot and slot A's entry (an entry for B appears when an update stages B).
 *
 * <p>The boot selection lives in the ESP's files only, never in EFI variables: entries are ordered
 * by version (the newest good one boots), and a staged entry carries boot counting in its name
 * ({@code slipway-b+3-0.conf}), which systemd-boot counts down and systemd-bless-boot clears.
 */
public final class BootFiles {

    /** Where systemd-boot-efi installs its EFI binary inside the image. */
    static final String SYSTEMD_BOOT = "usr/lib/systemd/boot/efi/systemd-bootx64.efi";
    static final String STATUS_UNIT = "slipway-boot-status.service";
    static final String HEALTH_UNIT = "slipway-health.service";

    /** @param kernel the kernel image; {@code initrd} the newc cpio archive */
    public record Slot(RegularFile kernel, byte[] initrd, String kernelVersion) {
    }

    private BootFiles() {
    }

    /** Whether the image carries what a bootable disk needs: a kernel and systemd-boot. */
    public static boolean bootable(FileTree image) {
        return TreePaths.resolve(image, SYSTEMD_BOOT).isPresent() && TreePaths.resolve(image, "usr/lib/modules").isPresent();
    }

    /** The slot's kernel and initrd, from the image as composed. */
    public static Slot slot(FileTree image, Timestamp buildTime) throws IOException, BootException {
        Initrd.Contents initrd = Initrd.assemble(image, resource("init"), buildTime);
        String kernelPath = "boot/vmlinuz-" + initrd.kernelVersion();
        RegularFile kernel = TreePaths.resolve(image, kernelPath).map(TreePaths.Resolved::node)
                .filter(RegularFile.class::isInstance).map(RegularFile.class::cast)
                .orElseThrow(() -> new BootException("the image has modules for kernel " + initrd.kernelVersion()
                        + " but no /" + kernelPath));
        ByteArrayOutputStream cpio = new ByteArrayOutputStream();
        CpioWriter.write(initrd.tree(), cpio);
        return new Slot(kernel, cpio.toByteArray(), initrd.kernelVersion());
    }

    /**
     * The loader entry for {@code slot} ("a" or "b"), as {@link BootEntry#slotEntry} makes it.
     *
     * @param rootHash   the slot's dm-verity root hash (hex)
     * @param hashOffset where the hash tree starts in the slot's partition
     */
    public static String entry(String slot, String imageName, String imageVersion, String rootHash, long hashOffset) {
        return BootEntry.slotEntry(slot, imageName, imageVersion, rootHash, hashOffset).render();
    }

    /** The ESP of a fresh disk: systemd-boot as the removable-media loader, slot A's entry and files. */
    public static FileTree esp(FileTree image, Slot slot, String entry, Timestamp buildTime) throws BootException {
        RegularFile loader = TreePaths.resolve(image, SYSTEMD_BOOT).map(TreePaths.Resolved::node)
                .filter(RegularFile.class::isInstance).map(RegularFile.class::cast)
                .orElseThrow(() -> new BootException("the image has no /" + SYSTEMD_BOOT + " (add systemd-boot-efi)"));
        Metadata file = Metadata.of(0644, 0, 0, buildTime);
        TreeBuilder esp = new TreeBuilder(buildTime);
        try {
            esp.add("EFI/BOOT/BOOTX64.EFI", new RegularFile(file, loader.content()));
            esp.add("EFI/systemd/systemd-bootx64.efi", new RegularFile(file, loader.content()));
            // No default: entries sort by version and the newest good one boots; a default would also
            // match an entry whose tries ran out, and systemd-boot would keep starting it.
            esp.add("loader/loader.conf", text("timeout 0\neditor no\n", buildTime));
            esp.add("loader/entries/slipway-a.conf", text(entry, buildTime));
            esp.add("slipway/a/vmlinuz", new RegularFile(file, slot.kernel().content()));
            esp.add("slipway/a/initrd.img", new RegularFile(file, Content.ofBytes(slot.initrd())));
        } catch (InvalidEntryException e) {
            throw new IllegalStateException("fixed ESP paths are valid", e);
        }
        return esp.build();
    }

    /**
     * The image with Slipway's boot units, enabled from /usr: the health check that
     * boot-complete.target requires (systemd-bless-boot blesses an entry on trial only once that
     * target is reached), a deadline on reaching it, and the status report that prints the
     * SLIPWAY-BOOT line afterwards.
     */
    public static FileTree withBootUnits(FileTree image, Timestamp buildTime) throws IOException {
        Metadata directory = Metadata.of(0755, 0, 0, buildTime);
        Metadata executable = Metadata.of(0755, 0, 0, buildTime);
        Metadata file = Metadata.of(0644, 0, 0, buildTime);
        String units = "usr/lib/systemd/system/";
        FileTree tree = TreeEdits.ensureDirectories(image, "usr/lib/slipway", directory);
        for (String wants : List.of("multi-user.target.wants", "boot-complete.target.requires", "boot-complete.target.d")) {
            tree = TreeEdits.ensureDirectories(tree, units + wants, directory);
        }
        tree = TreeEdits.put(tree, "usr/lib/slipway/boot-status", new RegularFile(executable,
                Content.ofBytes(resource("boot-status"))));
        tree = TreeEdits.put(tree, "usr/lib/slipway/health-check", new RegularFile(executable,
                Content.ofBytes(resource("health-check"))));
        for (String unit : List.of(STATUS_UNIT, HEALTH_UNIT)) {
            tree = TreeEdits.put(tree, units + unit, new RegularFile(file, Content.ofBytes(resource(unit))));
        }
        tree = TreeEdits.put(tree, units + "boot-complete.target.d/slipway.conf", new RegularFile(file,
                Content.ofBytes(resource("boot-complete.conf"))));
        Metadata link = Metadata.of(0777, 0, 0, buildTime);
        tree = TreeEdits.put(tree, units + "boot-complete.target.requires/" + HEALTH_UNIT,
                new Symlink(link, "../" + HEALTH_UNIT));
        return TreeEdits.put(tree, units + "multi-user.target.wants/" + STATUS_UNIT, new Symlink(link,
                "../" + STATUS_UNIT));
    }

    /** A resource of this package: the init script, the boot status unit and script. */
    public static byte[] resource(String name) throws IOException {
        try (InputStream in = BootFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from Slipway's jar");
            }
            return in.readAllBytes();
        }
    }

    private static RegularFile text(String text, Timestamp time) {
        return new RegularFile(Metadata.of(0644, 0, 0, time), Content.ofBytes(text.getBytes(StandardCharsets.UTF_8)));
    }
}
