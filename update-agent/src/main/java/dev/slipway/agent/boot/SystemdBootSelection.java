package dev.slipway.agent.boot;

import dev.slipway.agent.disk.EspFiles;
import dev.slipway.agent.state.Slot;
import dev.slipway.agent.state.Versions;
import dev.slipway.boot.BootEntry;
import dev.slipway.boot.BootEntryException;
import dev.slipway.boot.EntryFileName;
import dev.slipway.gpt.SlotAttributes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The boot selection of Slipway's images: systemd-boot entries with boot counting in the ESP (docs/boot.md).
 * The entry's file name is the state: {@code slipway-b+0-0.conf} staged but passed over (no tries left),
 * {@code slipway-b+3-0.conf} selected on trial, {@code slipway-b+0-3.conf} tries ran out,
 * {@code slipway-b.conf} blessed. Renaming the staged entry is the switch: one directory change on the FAT.
 * The GPT's slot bits are kept in step for tools such as {@code cgpt show}; systemd-boot does not read them.
 */
public final class SystemdBootSelection implements BootSelection {

    static final String ENTRIES = "loader/entries";

    private final EspFiles esp;
    private final GptSlots gpt;

    public SystemdBootSelection(EspFiles esp, GptSlots gpt) {
        this.esp = esp;
        this.gpt = gpt;
    }

    public static String id(Slot slot) {
        return EntryFileName.slotId(slot.letter());
    }

    static String kernelPath(Slot slot) {
        return "slipway/" + slot.letter() + "/vmlinuz";
    }

    static String initrdPath(Slot slot) {
        return "slipway/" + slot.letter() + "/initrd.img";
    }

    @Override
    public BootView read() throws IOException {
        SlotBoot a = slotBoot(Slot.A);
        SlotBoot b = slotBoot(Slot.B);
        return new BootView(a, b, next(a, b));
    }

    private SlotBoot slotBoot(Slot slot) throws IOException {
        SlotAttributes bits = gpt.attributes(slot);
        List<EntryFileName> names = entries(slot);
        if (names.isEmpty()) {
            return new SlotBoot(slot, EntryState.NONE, null, null, bits);
        }
        EntryFileName name = names.getFirst();
        byte[] text = esp.read(ENTRIES + "/" + name.render()).orElseThrow();
        try {
            BootEntry entry = BootEntry.parse(text);
            return new SlotBoot(slot, state(name), entry.version(), entry.rootHash(), bits);
        } catch (BootEntryException e) {
            // A write cut short by a power loss: the slot cannot be trusted to boot, and clear() removes it.
            return new SlotBoot(slot, EntryState.BAD, null, null, bits);
        }
    }

    static EntryState state(EntryFileName name) {
        if (!name.countingDown()) {
            return EntryState.GOOD;
        }
        if (!name.exhausted()) {
            return EntryState.TRYING;
        }
        return name.triesDone().orElse(0) == 0 ? EntryState.UNSELECTED : EntryState.BAD;
    }

    /** systemd-boot's choice among our entries: the newest version whose tries have not run out. */
    static Slot next(SlotBoot a, SlotBoot b) {
        boolean aUsable = a.state() == EntryState.GOOD || a.state() == EntryState.TRYING;
        boolean bUsable = b.state() == EntryState.GOOD || b.state() == EntryState.TRYING;
        if (aUsable && bUsable) {
            return Versions.compare(b.version(), a.version()) > 0 ? Slot.B : Slot.A;
        }
        if (aUsable || bUsable) {
            return aUsable ? Slot.A : Slot.B;
        }
        // Only entries whose tries ran out: systemd-boot still starts the first of them.
        if (a.state() != EntryState.NONE || b.state() != EntryState.NONE) {
            return a.state() != EntryState.NONE ? Slot.A : Slot.B;
        }
        return null;
    }

    /** The slot's entry files; after a crash there may briefly be more than one, newest state first. */
    private List<EntryFileName> entries(Slot slot) throws IOException {
        List<EntryFileName> names = new ArrayList<>();
        for (String file : esp.list(ENTRIES)) {
            try {
                EntryFileName name = EntryFileName.parse(file);
                if (name.id().equals(id(slot))) {
                    names.add(name);
                }
            } catch (BootEntryException e) {
                // Not a boot-counting entry name of ours: another loader's file, left alone.
            }
        }
        names.sort((x, y) -> Integer.compare(rank(state(y)), rank(state(x))));
        return names;
    }

    private static int rank(EntryState state) {
        return switch (state) {
            case GOOD -> 4;
            case TRYING -> 3;
            case BAD -> 2;
            case UNSELECTED -> 1;
            case NONE -> 0;
        };
    }

    @Override
    public void clear(Slot slot) throws IOException {
        for (EntryFileName name : entries(slot)) {
            esp.delete(ENTRIES + "/" + name.render());
        }
        esp.sync();
        esp.delete(kernelPath(slot));
        esp.delete(initrdPath(slot));
        esp.sync();
        gpt.set(slot, SlotAttributes.NONE);
    }

    @Override
    public void stage(Slot slot, BootPayload payload) throws IOException {
        if (!entries(slot).isEmpty()) {
            throw new IllegalStateException("slot " + slot + " still has an entry; clear it before staging");
        }
        esp.write(kernelPath(slot), payload.kernel());
        esp.write(initrdPath(slot), payload.initrd());
        esp.sync();
        esp.write(ENTRIES + "/" + EntryFileName.counting(id(slot), 0, 0).render(),
                payload.entry().render().getBytes(StandardCharsets.UTF_8));
        esp.sync();
    }

    @Override
    public void select(Slot slot) throws IOException {
        List<EntryFileName> names = entries(slot);
        if (names.isEmpty()) {
            throw new IllegalStateException("slot " + slot + " has no staged entry to select");
        }
        EntryFileName staged = names.getFirst();
        if (state(staged) == EntryState.UNSELECTED) {
            esp.rename(ENTRIES + "/" + staged.render(), ENTRIES + "/" + EntryFileName.counting(id(slot), TRIES, 0).render());
            esp.sync();
        }
        SlotAttributes trying = new SlotAttributes(2, TRIES, false);
        SlotAttributes other = gpt.attributes(slot.other()).withPriority(1);
        gpt.set(slot == Slot.A ? trying : other, slot == Slot.B ? trying : other);
    }

    @Override
    public void confirm(Slot booted) throws IOException {
        SlotAttributes other = gpt.attributes(booted.other());
        SlotAttributes good = new SlotAttributes(2, 0, true);
        SlotAttributes fallback = other.successful() ? other.withPriority(1) : other;
        gpt.set(booted == Slot.A ? good : fallback, booted == Slot.B ? good : fallback);
    }

    @Override
    public void demote(Slot slot) throws IOException {
        List<EntryFileName> names = entries(slot);
        if (!names.isEmpty()) {
            esp.rename(ENTRIES + "/" + names.getFirst().render(),
                    ENTRIES + "/" + EntryFileName.counting(id(slot), 0, 1).render());
            esp.sync();
        }
        gpt.set(slot, SlotAttributes.NONE);
    }
}
