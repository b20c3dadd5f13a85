package dev.slipway.agent.disk;

import dev.slipway.gpt.FlatcarLayout;
import dev.slipway.gpt.Guid;
import dev.slipway.gpt.LayoutPlanner;
import dev.slipway.gpt.PartitionRequest;
import dev.slipway.gpt.PartitionTable;
import dev.slipway.testing.Command;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sparse GPT disk image as a Slipway disk starts: the ESP (partition 1, EFI System type) at 1 MiB, formatted
 * FAT32 in place by mkfs.fat, and ROOT after it; and the standard tools to look at it: mtools directly, and
 * fsck.vfat on the partition copied out with dd.
 */
record FatDisk(Path image, long espOffset, long espSize) {

    static final long MIB = 1 << 20;

    static FatDisk create(Path image) throws IOException {
        long espSize = 64 * MIB;
        List<PartitionRequest> requests = List.of(
                FlatcarLayout.EFI_SYSTEM.request(espSize, Guid.parse("6f1b0e3c-4d2a-4b5e-9c61-0d7a8e2f1a01")),
                FlatcarLayout.ROOT.request(PartitionRequest.FILL, Guid.parse("6f1b0e3c-4d2a-4b5e-9c61-0d7a8e2f1a09")));
        PartitionTable table = LayoutPlanner.mibAligned().plan(requests, 80 * MIB,
                Guid.parse("6f1b0e3c-4d2a-4b5e-9c61-0d7a8e2f1a00"));
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            table.write(channel);
        }
        long offset = table.partition(1).orElseThrow().firstByte();
        // FAT32 needs 65525 clusters: 512-byte clusters give 64 MiB about 130000.
        Command.run("mkfs.fat", "-F", "32", "-s", "1", "-n", "EFI-SYSTEM", "--offset", Long.toString(offset / 512),
                image.toString(), Long.toString(espSize / 1024)).check();
        return new FatDisk(image, offset, espSize);
    }

    /** Runs an mtools program on the ESP, as a person would: {@code mtools("mtype", "::/a")}. */
    Command.Result mtools(String tool, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "MTOOLS_SKIP_CHECK=1", "LC_ALL=C.UTF-8", tool, "-i",
                image + "@@" + espOffset));
        command.addAll(Arrays.asList(arguments));
        return Command.run(command);
    }

    /** fsck.vfat -n (no changes) on a dd copy of the partition: its exit code and report. */
    Command.Result fsck(Path scratch) throws IOException {
        Path copy = scratch.resolve("esp-copy.img");
        Command.run("dd", "if=" + image, "of=" + copy, "bs=1M", "skip=" + espOffset / MIB, "count=" + espSize / MIB,
                "status=none").check();
        return Command.run("fsck.vfat", "-n", copy.toString());
    }
}
