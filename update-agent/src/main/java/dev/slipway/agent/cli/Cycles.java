package dev.slipway.agent.cli;

import dev.slipway.agent.fetch.FetchSettings;
import dev.slipway.agent.fetch.RepositoryClient;
import dev.slipway.agent.fetch.RepositoryClients;
import dev.slipway.agent.install.Rebooter;
import dev.slipway.agent.install.ReleaseCheck;
import dev.slipway.agent.install.SlotInstaller;
import dev.slipway.agent.install.UpdateCycle;
import dev.slipway.agent.state.Slot;
import dev.slipway.trust.pki.TrustMaterialException;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerifyOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** Puts an update cycle together from a node and where its updates come from. */
final class Cycles {

    /** Frames per range request and per committed step: 16 MiB of /usr with the default frame size. */
    static final int FRAMES_PER_RUN = 16;

    private Cycles() {
    }

    static TrustStore trust(Path roots, boolean allowDevelopment) throws IOException, TrustMaterialException {
        TrustStore store = TrustStores.load(roots, List.of(), List.of());
        return allowDevelopment ? store.plus(TrustStores.development()) : store;
    }

    static RepositoryClient client(URI repository) throws IOException {
        return RepositoryClients.open(repository, FetchSettings.defaults());
    }

    static UpdateCycle create(NodeSetup setup, RepositoryClient client, String channel, TrustStore trust,
                              boolean allowDevelopment, Rebooter rebooter, Consumer<String> log) {
        ReleaseCheck check = new ReleaseCheck(client, channel, trust, new VerifyOptions(allowDevelopment));
        SlotInstaller installer = new SlotInstaller(client, setup.store(), FRAMES_PER_RUN);
        return new UpdateCycle(new UpdateCycle.Parts(setup.store(), setup.selection(), setup.slot(Slot.A),
                setup.slot(Slot.B), check, installer, rebooter, setup.node(), Clock.systemUTC(), log));
    }
}
