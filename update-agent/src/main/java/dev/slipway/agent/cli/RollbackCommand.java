package dev.slipway.agent.cli;

import dev.slipway.agent.boot.EntryState;
import dev.slipway.agent.boot.SlotBoot;
import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.install.NodeIdentity;
import dev.slipway.agent.install.Rebooter;
import dev.slipway.agent.machine.Event;
import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.Slot;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway-agent rollback}: go back to the other slot, when it holds a good image. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Marks the running slot bad so the other slot boots next, when that slot is good (it booted and"
                + " was confirmed before). The running version is then treated as rolled back: not installed again"
                + " until forget-rollback.", "Reboots as agent.toml's reboot strategy says (never with --disk)."})
final class RollbackCommand extends AgentSubcommand {

    @Mixin
    Where where;

    @Override
    int execute() throws IOException, AgentConfigException {
        try (NodeSetup setup = where.open("slipway-agent rollback")) {
            AgentState state = setup.store().current();
            if (state.phase().installing()) {
                log("an update is in flight (" + state.phase().label() + "); wait for it to finish, then roll back");
                return ExitCodes.UPDATE_FAILED;
            }
            NodeIdentity node = setup.node();
            Slot other = node.booted().other();
            SlotBoot fallback = setup.selection().read().slot(other);
            if (fallback.state() != EntryState.GOOD || setup.slot(other).trailer().isEmpty()) {
                log("slot " + other + " holds no confirmed image (" + fallback.state().name().toLowerCase(
                        java.util.Locale.ROOT) + "); there is nothing to roll back to");
                return ExitCodes.UPDATE_FAILED;
            }
            setup.selection().demote(node.booted());
            setup.store().commit(new Event.OperatorRolledBack(node.version(), "the operator rolled back from "
                    + node.version() + " on slot " + node.booted() + "; slot " + other + " (" + fallback.version()
                    + ") boots next"));
            Rebooter rebooter = where.diskMode() ? new Rebooter.Manual() : RunCommand.rebooter(where.config());
            String how = rebooter.request();
            log("slot " + other + " (" + fallback.version() + ") boots next; " + (how == null ? "reboot to use it" : how));
            return ExitCodes.OK;
        }
    }
}
