package dev.slipway.agent.install;

import dev.slipway.agent.boot.BootPayload;
import dev.slipway.agent.boot.BootSelection;
import dev.slipway.agent.boot.EntryState;
import dev.slipway.agent.boot.SlotBoot;
import dev.slipway.agent.machine.Event;
import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.Phase;
import dev.slipway.agent.state.Slot;
import dev.slipway.agent.state.StateStore;
import dev.slipway.agent.state.Target;
import dev.slipway.boot.BootEntry;
import dev.slipway.slot.SlotTrailer;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.VerityInfo;
import java.io.IOException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * One run of the agent: first reconcile the persisted state with what the disk and the running system say
 * (a reboot or a crash happened since the last run), then continue an update in flight, or check the
 * channel and install what it offers. Each step's outcome is committed before the next step starts.
 *
 * <p>Invariants, whatever the crash: the booted slot is never written; the other slot is written only when
 * the booted one is confirmed good, and only after its way to boot was removed; it gets a way to boot only
 * after it verified on disk.
 */
public final class UpdateCycle {

    /** What a cycle works with; all of it injected, so tests run it on image files and lossy disks. */
    public record Parts(StateStore store, BootSelection selection, SlotRegion slotA, SlotRegion slotB,
                        ReleaseCheck check, SlotInstaller installer, Rebooter rebooter, NodeIdentity node, Clock clock,
                        Consumer<String> log) {
        SlotRegion region(Slot slot) {
            return slot == Slot.A ? slotA : slotB;
        }
    }

    /** How the message of a check that could not reach the repository begins. */
    public static final String UNREACHABLE = "cannot read the repository: ";

    private final Parts parts;
    private final StateStore store;

    public UpdateCycle(Parts parts) {
        this.parts = parts;
        this.store = parts.store();
    }

    /** Reconciles, then continues or checks; returns the state it ends in. */
    public AgentState run() throws IOException {
        reconcile();
        if (store.current().phase().installing()) {
            continueInstall();
        } else {
            checkAndInstall();
        }
        return store.current();
    }

    /** Brings the state in line with the running system: did the new slot boot, come up good, or roll back? */
    public AgentState reconcile() throws IOException {
        for (int step = 0; step < 4; step++) {
            AgentState before = store.current();
            reconcileOnce(before);
            if (store.current().equals(before)) {
                break;
            }
        }
        return store.current();
    }

    private void reconcileOnce(AgentState state) throws IOException {
        Target target = state.target();
        Slot booted = parts.node().booted();
        boolean bootedTarget = target != null && target.slot() == booted;
        switch (state.phase()) {
            case CHECKING -> commit(new Event.CheckConcluded("a check was interrupted; the next one starts afresh", 0,
                    Phase.IDLE));
            case DOWNLOADING -> {
                if (bootedTarget) {
                    commit(new Event.InstallFailed("the node booted slot " + booted + ", the one being written;"
                            + " the update is abandoned and starts again at the next check", false));
                }
            }
            case VERIFYING, STAGED, REBOOTING -> {
                if (bootedTarget && parts.node().rootHash().equals(target.rootHash())) {
                    commit(new Event.BootedTarget());
                } else if (bootedTarget) {
                    commit(new Event.InstallFailed("slot " + booted + " booted with root hash "
                            + parts.node().rootHash() + ", not the staged " + target.rootHash(), false));
                } else if (state.phase() != Phase.VERIFYING) {
                    SlotBoot slot = parts.selection().read().slot(target.slot());
                    if (slot.state() == EntryState.BAD) {
                        commit(new Event.RollbackDetected(rollbackMessage(target, booted)));
                    } else if (slot.state() == EntryState.NONE) {
                        commit(new Event.InstallFailed("slot " + target.slot() + " lost its boot entry before it was"
                                + " booted (removed by hand?); the update starts again at the next check", false));
                    }
                }
            }
            case CONFIRMING -> {
                SlotBoot slot = parts.selection().read().slot(target.slot());
                if (bootedTarget && slot.state() == EntryState.GOOD) {
                    parts.selection().confirm(booted);
                    commit(new Event.Confirmed(target.version() + " on slot " + booted + " is good"));
                } else if (!bootedTarget && slot.state() == EntryState.BAD) {
                    commit(new Event.RollbackDetected(rollbackMessage(target, booted)));
                }
            }
            default -> {
            }
        }
    }

    private static String rollbackMessage(Target target, Slot booted) {
        return target.version() + " on slot " + target.slot() + " failed to boot " + "and its tries ran out; the"
                + " node went back to slot " + booted + ". It is not installed again unless `slipway-agent"
                + " forget-rollback " + target.version() + "`";
    }

    private void checkAndInstall() throws IOException {
        AgentState state = store.current();
        Phase resting = state.phase();
        NodeIdentity node = parts.node();
        commit(new Event.CheckStarted(parts.clock().instant().getEpochSecond()));
        SlotBoot running = parts.selection().read().slot(node.booted());
        if (running.state() != EntryState.GOOD) {
            commit(new Event.CheckConcluded("slot " + node.booted() + " runs but is not confirmed good yet ("
                    + running.state().name().toLowerCase(java.util.Locale.ROOT) + "); slot " + node.booted().other()
                    + " stays its fallback until it is", 0, resting));
            return;
        }
        CheckOutcome outcome;
        try {
            outcome = parts.check().check(state, node, parts.region(node.booted().other()).payloadCapacity(),
                    parts.clock().instant());
        } catch (IOException e) {
            commit(new Event.CheckConcluded(UNREACHABLE + e.getMessage(), 0, resting));
            return;
        }
        switch (outcome) {
            case CheckOutcome.NothingToDo n -> commit(new Event.CheckConcluded(n.message(), n.channelVersion(), resting));
            case CheckOutcome.Refusal r -> commit(new Event.Refused(r.message(), r.verificationFailure(),
                    r.channelVersion()));
            case CheckOutcome.Release release -> {
                Target target = new Target(release.manifest().image().version(), release.manifest().securityVersion(),
                        node.booted().other(), release.path(), release.manifestSha256(), release.usr().verity().rootHash(),
                        0);
                commit(new Event.TargetChosen(target, release.channelVersion()));
                continueInstall();
            }
        }
    }

    private void continueInstall() throws IOException {
        Target target = store.current().target();
        if (target.slot() == parts.node().booted()) {
            throw new IllegalStateException("refusing to write slot " + target.slot() + ": it is the booted slot");
        }
        SlotRegion region = parts.region(target.slot());
        try {
            Phase phase = store.current().phase();
            if (phase == Phase.DOWNLOADING || phase == Phase.VERIFYING) {
                CheckOutcome.Release release = parts.check().release(target);
                if (phase == Phase.DOWNLOADING) {
                    if (target.framesDone() == 0) {
                        parts.selection().clear(target.slot());
                        region.eraseTrailer();
                    }
                    parts.log().accept("writing " + target.version() + " into slot " + target.slot());
                    parts.installer().download(release.path(), release.usr(), region);
                }
                stage(release, target, region);
            }
            if (store.current().phase() == Phase.STAGED) {
                String how = parts.rebooter().request();
                if (how != null) {
                    commit(new Event.RebootRequested(how));
                }
            }
        } catch (InstallException e) {
            commit(new Event.InstallFailed(e.getMessage(), e.verificationFailure()));
        } catch (IOException e) {
            parts.log().accept("the update of slot " + target.slot() + " stopped: " + e.getMessage() + "; it resumes at"
                    + " the next check");
            throw e;
        }
    }

    private void stage(CheckOutcome.Release release, Target target, SlotRegion region)
            throws IOException, InstallException {
        // Boot files first: a failure to fetch them leaves the slot without a trailer, as incomplete as it is.
        byte[] kernel = parts.check().fetchArtifact(release.path(), release.kernel());
        byte[] initrd = parts.check().fetchArtifact(release.path(), release.initrd());
        parts.installer().verify(release.usr(), region);
        region.writeTrailer(trailer(release));
        VerityInfo verity = release.usr().verity();
        BootEntry entry = BootEntry.slotEntry(target.slot().letter(), release.manifest().image().name(),
                target.version(), verity.rootHash(), verity.hashOffset());
        if (parts.selection().read().slot(target.slot()).state() != EntryState.NONE) {
            parts.selection().clear(target.slot());
        }
        parts.selection().stage(target.slot(), new BootPayload(kernel, initrd, entry));
        parts.log().accept("switching the boot selection to slot " + target.slot());
        parts.selection().select(target.slot());
        commit(new Event.Staged("staged " + target.version() + " in slot " + target.slot() + "; it boots next, on"
                + " trial with " + BootSelection.TRIES + " tries"));
    }

    private static SlotTrailer trailer(CheckOutcome.Release release) {
        Artifact usr = release.usr();
        VerityInfo v = usr.verity();
        HexFormat hex = HexFormat.of();
        return new SlotTrailer(v.dataSize(), v.hashOffset(), v.dataSize() / v.dataBlockSize(), v.dataBlockSize(),
                v.hashBlockSize(), v.algorithm(), hex.parseHex(v.rootHash()), hex.parseHex(v.salt()),
                release.manifest().image().name(), release.manifest().image().version(),
                release.manifest().compatibility(), release.manifest().securityVersion(), usr.size(),
                hex.parseHex(usr.sha256()));
    }

    private void commit(Event event) throws IOException {
        AgentState next = store.commit(event);
        parts.log().accept(next.phase().label() + ": " + next.lastMessage());
    }
}
