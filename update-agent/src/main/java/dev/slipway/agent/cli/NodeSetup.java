package dev.slipway.agent.cli;

import dev.slipway.agent.boot.BootSelection;
import dev.slipway.agent.boot.GptPrioSelection;
import dev.slipway.agent.boot.GptSlots;
import dev.slipway.agent.boot.SystemdBootSelection;
import dev.slipway.agent.config.BootBackendKind;
import dev.slipway.agent.disk.BlockDevice;
import dev.slipway.agent.disk.DirectoryStateFiles;
import dev.slipway.agent.disk.EspFiles;
import dev.slipway.agent.disk.InstanceLock;
import dev.slipway.agent.install.NodeIdentity;
import dev.slipway.agent.install.SlotRegion;
import dev.slipway.agent.state.Slot;
import dev.slipway.agent.state.StateStore;
import dev.slipway.slot.SlotTrailer;
import java.io.IOException;
import java.time.Duration;

/**
 * The agent's view of one node, opened for one command: the instance lock, the boot disk, both slots, the
 * boot selection and the persisted state. On a node the disk is the booted one and the ESP is mounted; in
 * disk-image mode both are inside an image file. Commands that change something hold the instance lock;
 * {@code status} reads without it (the state file is replaced atomically, so it reads a whole state).
 */
public final class NodeSetup implements AutoCloseable {

    /** How long a command waits for a running cycle to finish before it gives up. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final InstanceLock lock;
    private final BlockDevice disk;
    private final StateStore store;
    private final BootSelection selection;
    private final SlotRegion slotA;
    private final SlotRegion slotB;
    private final NodeIdentity node;

    private NodeSetup(InstanceLock lock, BlockDevice disk, StateStore store, BootSelection selection, SlotRegion slotA,
                      SlotRegion slotB, NodeIdentity node) {
        this.lock = lock;
        this.disk = disk;
        this.store = store;
        this.selection = selection;
        this.slotA = slotA;
        this.slotB = slotB;
        this.node = node;
    }

    /**
     * Opens everything; closes what it opened if a step fails.
     *
     * @param bootedHash the root hash the running kernel pins (null in disk-image mode): must be the trailer's
     */
    public static NodeSetup open(java.nio.file.Path stateDirectory, String command, BlockDevice disk, EspFiles esp,
                                 BootBackendKind backend, Slot booted, String bootedHash, String machineId,
                                 boolean exclusive) throws IOException {
        DirectoryStateFiles stateFiles = new DirectoryStateFiles(stateDirectory);
        InstanceLock lock = exclusive ? InstanceLock.acquire(stateDirectory, LOCK_WAIT, command) : null;
        try {
            GptSlots gpt = new GptSlots(disk);
            SlotRegion a = new SlotRegion(disk, gpt.partition(Slot.A));
            SlotRegion b = new SlotRegion(disk, gpt.partition(Slot.B));
            SlotRegion bootedRegion = booted == Slot.A ? a : b;
            SlotTrailer trailer = bootedRegion.trailer().orElseThrow(() -> new IOException("slot " + booted
                    + " has no valid slot trailer: it was not written by Slipway, or it is not the booted slot"));
            if (bootedHash != null && !bootedHash.equals(trailer.rootHashHex())) {
                throw new IOException("the running kernel pins root hash " + bootedHash + " but slot " + booted
                        + "'s trailer says " + trailer.rootHashHex() + ": refusing to act on a disk that does not match"
                        + " the running system");
            }
            BootSelection selection = backend == BootBackendKind.GPTPRIO
                    ? new GptPrioSelection(esp, gpt, slot -> (slot == Slot.A ? a : b).trailer())
                    : new SystemdBootSelection(esp, gpt);
            StateStore store = StateStore.load(stateFiles);
            return new NodeSetup(lock, disk, store, selection, a, b, NodeIdentity.of(booted, trailer, machineId));
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            disk.close();
            throw e;
        }
    }

    public StateStore store() {
        return store;
    }

    public BootSelection selection() {
        return selection;
    }

    public SlotRegion slot(Slot slot) {
        return slot == Slot.A ? slotA : slotB;
    }

    public NodeIdentity node() {
        return node;
    }

    @Override
    public void close() throws IOException {
        try {
            disk.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
