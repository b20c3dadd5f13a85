package dev.slipway.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** What the referee tools say about a disk image after the agent touched it. */
public final class DiskChecks {

    private DiskChecks() {
    }

    /** {@code veritysetup verify} of a slot, extracted with its hash tree, against a root hash. */
    public static void verityVerifies(Path disk, int partition, TestBuild build, Path scratch) throws Exception {
        Path slot = TestDisk.extract(disk, partition, scratch.resolve("slot-" + partition + "-" + System.nanoTime()));
        try {
            Commands.run(List.of("veritysetup", "verify", slot.toString(), slot.toString(), build.rootHash(),
                    "--hash-offset=" + build.hashOffset()));
        } finally {
            Files.delete(slot);
        }
    }

    /** cgpt's reading of a partition's priority, tries and successful bits, as {@code "P/T/S"}. */
    public static String cgpt(Path disk, int partition) throws Exception {
        return cgptField(disk, partition, "-P") + "/" + cgptField(disk, partition, "-T") + "/"
                + cgptField(disk, partition, "-S");
    }

    /** The number cgpt prints last; before it, cgpt may warn that it fell back to the backup table. */
    private static String cgptField(Path disk, int partition, String field) throws Exception {
        String[] lines = Commands.run(List.of("cgpt", "show", "-i", Integer.toString(partition), field,
                disk.toString())).trim().split("\n");
        return lines[lines.length - 1].trim();
    }

    /** Renames a file in the image's ESP, as systemd-boot (a try) or systemd-bless-boot (a blessing) does. */
    public static void espRename(Path disk, String from, String to) throws Exception {
        Commands.run(List.of("mren", "-i", disk + "@@" + TestDisk.espOffset(), "::/" + from, "::/" + to),
                Map.of("MTOOLS_SKIP_CHECK", "1"));
    }

    public static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static void assertSlotUnchanged(byte[] before, Path disk, int partition) throws Exception {
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(before)),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TestDisk.partition(disk, partition))),
                "partition " + partition + " changed");
    }
}
