package dev.slipway.agent.node;

import dev.slipway.agent.state.Slot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the running system booted, found rather than guessed: the slot and root hash on the kernel command
 * line, and the disk holding the partition under {@code /dev/mapper/usr} (the dm-verity device the initrd
 * opened). The agent writes to that disk only; a second disk (Azure's resource disk, a data disk) is never
 * touched, and the partition must be the slot's, or the agent refuses to act.
 *
 * @param disk the whole disk's device, e.g. {@code /dev/sda}
 */
public record BootedSystem(Slot slot, String usrHash, Path disk) {

    /** Reads {@code /proc/cmdline} and {@code /sys} under {@code root} ("/" on a node). */
    public static BootedSystem discover(Path root) throws IOException {
        String cmdline = Files.readString(root.resolve("proc/cmdline"), StandardCharsets.US_ASCII).trim();
        String slotText = parameter(cmdline, "slipway.slot");
        String usrHash = parameter(cmdline, "slipway.usrhash");
        if (slotText == null || usrHash == null) {
            throw new IOException("the kernel command line has no slipway.slot or slipway.usrhash: this system was not"
                    + " booted from a Slipway disk, so there is no slot to update (" + cmdline + ")");
        }
        Slot slot = Slot.parse(slotText);
        String partition = usrPartition(root);
        Path sysPartition = root.resolve("sys/class/block").resolve(partition);
        String number = Files.readString(sysPartition.resolve("partition"), StandardCharsets.US_ASCII).trim();
        if (!number.equals(Integer.toString(slot.partitionNumber()))) {
            throw new IOException("/usr is verity over " + partition + ", partition " + number + ", but the command line"
                    + " says slot " + slot + " (partition " + slot.partitionNumber() + "); refusing to guess");
        }
        String disk = sysPartition.toRealPath().getParent().getFileName().toString();
        return new BootedSystem(slot, usrHash, Path.of("/dev").resolve(disk));
    }

    /** The block device under the device-mapper target named "usr", e.g. {@code sda3}. */
    static String usrPartition(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(root.resolve("sys/block"), "dm-*")) {
            for (Path device : devices) {
                Path name = device.resolve("dm/name");
                if (Files.exists(name) && Files.readString(name, StandardCharsets.US_ASCII).trim().equals("usr")) {
                    try (DirectoryStream<Path> slaves = Files.newDirectoryStream(device.resolve("slaves"))) {
                        slaves.forEach(slave -> found.add(slave.getFileName().toString()));
                    }
                }
            }
        }
        if (found.size() != 1) {
            throw new IOException("expected one block device under /dev/mapper/usr, found " + found + ": /usr is not the"
                    + " dm-verity device Slipway's initrd opens");
        }
        return found.getFirst();
    }

    static String parameter(String cmdline, String name) {
        String value = null;
        for (String word : cmdline.split("\\s+")) {
            if (word.startsWith(name + "=")) {
                value = word.substring(name.length() + 1);
            }
        }
        return value;
    }
}
