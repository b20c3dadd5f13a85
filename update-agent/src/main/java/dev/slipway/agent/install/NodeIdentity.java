package dev.slipway.agent.install;

import dev.slipway.agent.state.Slot;
import dev.slipway.slot.SlotTrailer;
import java.util.Objects;

/**
 * What the node runs, found from the running system (or, in disk-image mode, from the slot the caller names
 * as booted): the booted slot and, from its trailer, the image it holds.
 *
 * @param machineId the node's machine-id, which places it in a channel's waves
 */
public record NodeIdentity(Slot booted, String imageName, String version, String compatibility,
                           long securityVersion, String rootHash, String machineId) {

    public NodeIdentity {
        Objects.requireNonNull(booted, "booted");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(compatibility, "compatibility");
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(machineId, "machineId");
    }

    public static NodeIdentity of(Slot booted, SlotTrailer trailer, String machineId) {
        return new NodeIdentity(booted, trailer.imageName(), trailer.imageVersion(), trailer.compatibility(),
                trailer.securityVersion(), trailer.rootHashHex(), machineId);
    }
}
