package dev.slipway.agent.boot;

import dev.slipway.agent.state.Slot;
import dev.slipway.gpt.SlotAttributes;
import java.util.Objects;

/**
 * One slot as the boot selection sees it.
 *
 * @param version  the image version its entry names, or null without an entry
 * @param rootHash the root hash its entry pins, or null without an entry
 * @param gpt      its partition's attribute bits
 */
public record SlotBoot(Slot slot, EntryState state, String version, String rootHash, SlotAttributes gpt) {

    public SlotBoot {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(gpt, "gpt");
    }
}
