package dev.slipway.agent.bench;

import dev.slipway.agent.testing.TestBuild;
import dev.slipway.agent.testing.TestDisk;
import dev.slipway.agent.testing.TestRepository;
import dev.slipway.gpt.FlatcarLayout;
import dev.slipway.gpt.PartitionEntry;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lays out bench/agent.sh's input in WORK: a release of DATA_MIB MiB of /usr data (half random, half zeros per
 * MiB, hash tree appended, as {@link TestBuild} makes it) published into WORK/repo, and WORK/disk.template, a
 * sparse disk whose slot A holds a small older release and whose slots are 10% larger than the new usr.img.
 * Prints what the script needs to run dd and veritysetup on slot B as KEY=VALUE lines.
 * Usage: {@code AgentBenchSetup WORK DATA_MIB} (run with the working directory at the repository's root).
 */
public final class AgentBenchSetup {

    private AgentBenchSetup() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int dataMiB = Integer.parseInt(args[1]);
        TestBuild running = TestBuild.make(work.resolve("v1"), "1.0.0", 1, 4);
        TestBuild release = TestBuild.make(work.resolve("v2"), "2.0.0", 1, dataMiB);
        TestRepository.publish(work.resolve("repo"), release);
        long slotSize = Math.ceilDiv(release.usrSize() + release.usrSize() / 10, TestDisk.MIB) * TestDisk.MIB;
        Path disk = TestDisk.create(work.resolve("disk.template"), running, slotSize);
        long diskSize = Files.size(disk);
        PartitionEntry slotB = TestDisk.table(slotSize, diskSize).partition(FlatcarLayout.USR_B.number()).orElseThrow();
        System.out.println("usr_img=" + release.usrImage());
        System.out.println("usr_size=" + release.usrSize());
        System.out.println("data_size=" + release.dataSize());
        System.out.println("hash_offset=" + release.hashOffset());
        System.out.println("root_hash=" + release.rootHash());
        System.out.println("slot_b_offset=" + slotB.firstByte());
        System.out.println("slot_b_size=" + slotB.sizeBytes());
        System.out.println("disk_size=" + diskSize);
    }
}
