package dev.slipway.agent.boot;

import dev.slipway.agent.state.Slot;
import java.io.IOException;

/**
 * Which slot the node boots, and the state of each. Every method makes its change durable before it
 * returns, in an order that leaves the disk bootable into a slot that verifies if power is lost at any
 * point: a slot loses its way to boot before it is written, and gains it only after it verified.
 */
public interface BootSelection {

    /** The number of boots a staged slot gets before the bootloader gives up on it. */
    int TRIES = 3;

    BootView read() throws IOException;

    /** Removes every way to boot {@code slot} (entry, boot files, GPT priority): before it is overwritten. */
    void clear(Slot slot) throws IOException;

    /** Writes the slot's boot files and an entry that is not selected yet. */
    void stage(Slot slot, BootPayload payload) throws IOException;

    /** The switch: the staged slot becomes the next one to boot, on trial with {@link #TRIES} tries. */
    void select(Slot slot) throws IOException;

    /** Records that {@code booted} came up good (the GPT's successful bit; systemd-bless-boot blesses entries). */
    void confirm(Slot booted) throws IOException;

    /** Marks {@code slot} bad, so the bootloader passes it over: the operator's rollback. */
    void demote(Slot slot) throws IOException;
}
