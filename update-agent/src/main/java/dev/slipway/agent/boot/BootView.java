package dev.slipway.agent.boot;

import dev.slipway.agent.state.Slot;

/** Both slots as the boot selection sees them, and which one the bootloader would start next. */
public record BootView(SlotBoot a, SlotBoot b, Slot next) {

    public SlotBoot slot(Slot slot) {
        return slot == Slot.A ? a : b;
    }
}
