package dev.slipway.agent.testing;

import dev.slipway.agent.boot.BootSelection;
import dev.slipway.agent.boot.GptPrioSelection;
import dev.slipway.agent.boot.GptSlots;
import dev.slipway.agent.boot.SystemdBootSelection;
import dev.slipway.agent.fetch.RepositoryClient;
import dev.slipway.agent.install.NodeIdentity;
import dev.slipway.agent.install.Rebooter;
import dev.slipway.agent.install.ReleaseCheck;
import dev.slipway.agent.install.SlotInstaller;
import dev.slipway.agent.install.SlotRegion;
import dev.slipway.agent.install.UpdateCycle;
import dev.slipway.agent.state.Slot;
import dev.slipway.agent.state.StateStore;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerifyOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.Random;

/**
 * A node whose disk, ESP and state directory all lose what was not made durable when the power goes: the
 * injected layers of the crash tests, wired into a real update cycle.
 */
public final class LossyNode {

    public final LossyDisk disk;
    public final LossyEsp esp;
    public final MemoryStateFiles state;
    public final boolean gptPrio;

    public LossyNode(LossyDisk disk, LossyEsp esp, MemoryStateFiles state, boolean gptPrio) {
        this.disk = disk;
        this.esp = esp;
        this.state = state;
        this.gptPrio = gptPrio;
    }

    /** A fresh node: the disk file's bytes, the ESP files, no state; nothing is cut until {@code crash} says. */
    public static LossyNode of(Path diskFile, Map<String, byte[]> espFiles, boolean gptPrio, CrashSwitch crash)
            throws IOException {
        return new LossyNode(LossyDisk.of(diskFile, crash), new LossyEsp(espFiles, crash),
                new MemoryStateFiles(Map.of(), crash), gptPrio);
    }

    /** The power goes: unsynced changes are lost, all of them or (with {@code random}) some. */
    public void powerLoss(Random random) {
        disk.powerLoss(random);
        esp.powerLoss(random);
    }

    /** What comes up after the power returns, with a new switch. */
    public LossyNode afterReboot(CrashSwitch crash) {
        return new LossyNode(disk.afterReboot(crash), esp.afterReboot(crash), state.afterReboot(crash), gptPrio);
    }

    public BootSelection selection() throws IOException {
        GptSlots gpt = new GptSlots(disk);
        return gptPrio ? new GptPrioSelection(esp, gpt, slot -> region(slot).trailer()) : new SystemdBootSelection(esp, gpt);
    }

    public SlotRegion region(Slot slot) throws IOException {
        return new SlotRegion(disk, new GptSlots(disk).partition(slot));
    }

    /** An update cycle on this node, booted from {@code booted}, fetching from {@code client}. */
    public UpdateCycle cycle(Slot booted, RepositoryClient client, int framesPerRun) throws Exception {
        StateStore store = StateStore.load(state);
        NodeIdentity node = NodeIdentity.of(booted, region(booted).trailer().orElseThrow(), "0123456789abcdef");
        ReleaseCheck check = new ReleaseCheck(client, TestRepository.CHANNEL, TrustStores.development(),
                VerifyOptions.ALLOW_DEVELOPMENT);
        return new UpdateCycle(new UpdateCycle.Parts(store, selection(), region(Slot.A), region(Slot.B), check,
                new SlotInstaller(client, store, framesPerRun), new Rebooter.Manual(), node, Clock.systemUTC(),
                line -> { }));
    }

    /** Writes the durable bytes into a sparse file, for the referee tools. */
    public Path durableDiskFile(Path file) throws IOException {
        long size = disk.size();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(0);
            raf.setLength(size);
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            disk.forEachDurablePage((offset, bytes) -> out.write(ByteBuffer.wrap(bytes), offset));
        }
        return file;
    }
}
