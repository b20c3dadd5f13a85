package dev.slipway.gpt;

/**
 * The boot-selection bits ChromeOS's cgpt defined in the type-specific half of a GPT entry's
 * attributes, which Flatcar's GRUB ({@code gptprio.next}) reads on its USR-A/USR-B partitions and
 * its update tooling sets with cgpt (a new slot gets {@code add -S0 -T1}, then {@code prioritize})
 * (vboot_reference {@code cgptlib_internal.h}): priority in bits 48-51, tries left in
 * bits 52-55, successful in bit 56. The bootloader boots the highest-priority slot that is
 * successful or has tries left, counting tries down; {@code cgpt show -i N -P|-T|-S} prints them.
 *
 * <p>Bottlerocket and RAUC model the same bits; here they are only a value: reading them from
 * an attributes word and applying them to one, every other bit kept.
 *
 * @param priority   0 (never boot) to 15
 * @param tries      boot attempts left, 0 to 15
 * @param successful whether the slot has booted successfully
 */
public record SlotAttributes(int priority, int tries, boolean successful) {

    public static final int PRIORITY_SHIFT = 48;
    public static final int TRIES_SHIFT = 52;
    public static final int SUCCESSFUL_SHIFT = 56;
    public static final int MAX_PRIORITY = 15;
    public static final int MAX_TRIES = 15;

    public static final long PRIORITY_MASK = 0xFL << PRIORITY_SHIFT;
    public static final long TRIES_MASK = 0xFL << TRIES_SHIFT;
    public static final long SUCCESSFUL_MASK = 1L << SUCCESSFUL_SHIFT;
    /** Every bit these attributes own; {@link #applyTo} keeps the others. */
    public static final long MASK = PRIORITY_MASK | TRIES_MASK | SUCCESSFUL_MASK;

    /** Priority 0, no tries, not successful: a slot that is never booted. */
    public static final SlotAttributes NONE = new SlotAttributes(0, 0, false);

    public SlotAttributes {
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("slot priority " + priority + " is not between 0 and " + MAX_PRIORITY);
        }
        if (tries < 0 || tries > MAX_TRIES) {
            throw new IllegalArgumentException("slot tries " + tries + " is not between 0 and " + MAX_TRIES);
        }
    }

    /** The slot bits of a partition entry's attributes. */
    public static SlotAttributes fromAttributes(long attributes) {
        return new SlotAttributes((int) ((attributes & PRIORITY_MASK) >>> PRIORITY_SHIFT),
                (int) ((attributes & TRIES_MASK) >>> TRIES_SHIFT), (attributes & SUCCESSFUL_MASK) != 0);
    }

    /** {@code attributes} with these slot bits in place of its own; all other bits unchanged. */
    public long applyTo(long attributes) {
        return attributes & ~MASK | toBits();
    }

    /** These bits alone, as an attributes word. */
    public long toBits() {
        return (long) priority << PRIORITY_SHIFT | (long) tries << TRIES_SHIFT | (successful ? SUCCESSFUL_MASK : 0);
    }

    public SlotAttributes withPriority(int newPriority) {
        return new SlotAttributes(newPriority, tries, successful);
    }

    public SlotAttributes withTries(int newTries) {
        return new SlotAttributes(priority, newTries, successful);
    }

    public SlotAttributes withSuccessful(boolean newSuccessful) {
        return new SlotAttributes(priority, tries, newSuccessful);
    }
}
