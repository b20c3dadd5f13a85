package dev.slipway.agent.boot;

/** What the boot selection says of one slot. */
public enum EntryState {
    /** The slot has no way to boot: no entry (systemd-boot) or priority 0 (gptprio). */
    NONE,
    /** Boot files written but not selected yet: the step between staging and the switch. */
    UNSELECTED,
    /** Selected and on trial: tries are left, the slot has not been confirmed. */
    TRYING,
    /** Its tries ran out (or the operator marked it bad): the bootloader passes it over. */
    BAD,
    /** Confirmed: blessed by systemd-bless-boot, or marked successful in the GPT. */
    GOOD
}
