package dev.slipway.agent.boot;

import dev.slipway.agent.disk.EspFiles;
import dev.slipway.agent.state.Slot;
import dev.slipway.gpt.SlotAttributes;
import dev.slipway.slot.SlotTrailer;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The boot selection Flatcar's patched GRUB reads ("gptprio"): the USR partitions' GPT bits alone decide.
 * The bootloader starts the slot of highest priority that is successful or has tries left, and counts a try
 * down before starting a slot that is not successful yet. Bits per state: cleared 0/0/0; staged but not
 * selected priority 0 with tries; on trial priority above the other slot's with tries; tries ran out,
 * priority kept and no tries; confirmed successful. Kernel and initrd go to the ESP as for systemd-boot.
 * No such GRUB runs here, so this backend is checked at the level of the bits, with cgpt.
 */
public final class GptPrioSelection implements BootSelection {

    /** What a slot holds, from its trailer: the version and root hash of a verified slot. */
    @FunctionalInterface
    public interface Trailers {
        Optional<SlotTrailer> read(Slot slot) throws IOException;
    }

    private final EspFiles esp;
    private final GptSlots gpt;
    private final Trailers trailers;

    public GptPrioSelection(EspFiles esp, GptSlots gpt, Trailers trailers) {
        this.esp = esp;
        this.gpt = gpt;
        this.trailers = trailers;
    }

    @Override
    public BootView read() throws IOException {
        SlotBoot a = slotBoot(Slot.A);
        SlotBoot b = slotBoot(Slot.B);
        return new BootView(a, b, next(a.gpt(), b.gpt()));
    }

    private SlotBoot slotBoot(Slot slot) throws IOException {
        SlotAttributes bits = gpt.attributes(slot);
        EntryState state = state(bits);
        Optional<SlotTrailer> trailer = state == EntryState.NONE ? Optional.empty() : trailers.read(slot);
        return new SlotBoot(slot, state, trailer.map(SlotTrailer::imageVersion).orElse(null),
                trailer.map(t -> HexFormat.of().formatHex(t.rootHash())).orElse(null), bits);
    }

    static EntryState state(SlotAttributes bits) {
        if (bits.successful()) {
            return EntryState.GOOD;
        }
        if (bits.priority() == 0) {
            return bits.tries() > 0 ? EntryState.UNSELECTED : EntryState.NONE;
        }
        return bits.tries() > 0 ? EntryState.TRYING : EntryState.BAD;
    }

    /** GRUB's gptprio choice: the highest priority that may boot; on a tie, the first partition. */
    static Slot next(SlotAttributes a, SlotAttributes b) {
        boolean aUsable = a.priority() > 0 && (a.successful() || a.tries() > 0);
        boolean bUsable = b.priority() > 0 && (b.successful() || b.tries() > 0);
        if (aUsable && bUsable) {
            return b.priority() > a.priority() ? Slot.B : Slot.A;
        }
        return aUsable ? Slot.A : bUsable ? Slot.B : null;
    }

    @Override
    public void clear(Slot slot) throws IOException {
        gpt.set(slot, SlotAttributes.NONE);
        esp.delete(SystemdBootSelection.kernelPath(slot));
        esp.delete(SystemdBootSelection.initrdPath(slot));
        esp.sync();
    }

    @Override
    public void stage(Slot slot, BootPayload payload) throws IOException {
        esp.write(SystemdBootSelection.kernelPath(slot), payload.kernel());
        esp.write(SystemdBootSelection.initrdPath(slot), payload.initrd());
        esp.sync();
        gpt.set(slot, new SlotAttributes(0, TRIES, false));
    }

    @Override
    public void select(Slot slot) throws IOException {
        SlotAttributes other = gpt.attributes(slot.other());
        int priority = Math.min(other.priority() + 1, SlotAttributes.MAX_PRIORITY);
        SlotAttributes lowered = other.priority() >= priority ? other.withPriority(priority - 1) : other;
        SlotAttributes selected = new SlotAttributes(priority, TRIES, false);
        gpt.set(slot == Slot.A ? selected : lowered, slot == Slot.B ? selected : lowered);
    }

    @Override
    public void confirm(Slot booted) throws IOException {
        SlotAttributes bits = gpt.attributes(booted);
        gpt.set(booted, new SlotAttributes(Math.max(bits.priority(), 1), 0, true));
    }

    @Override
    public void demote(Slot slot) throws IOException {
        SlotAttributes bits = gpt.attributes(slot);
        gpt.set(slot, new SlotAttributes(Math.max(bits.priority(), 1), 0, false));
    }
}
