package dev.slipway.agent.boot;

import dev.slipway.boot.BootEntry;
import java.util.Objects;

/** What boots a slot: its kernel, its initrd and the loader entry that pins its root hash. */
public record BootPayload(byte[] kernel, byte[] initrd, BootEntry entry) {

    public BootPayload {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initrd, "initrd");
        Objects.requireNonNull(entry, "entry");
    }
}
