package dev.slipway.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.agent.boot.BootView;
import dev.slipway.agent.boot.SlotBoot;
import dev.slipway.agent.install.NodeIdentity;
import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.Slot;
import java.time.Instant;
import java.util.Locale;

/** What {@code slipway-agent status} prints: the agent's state, what runs, and both slots' boot state. */
public record StatusReport(AgentState state, NodeIdentity node, BootView boot) {

    /** The JSON form, documented in docs/updates.md ("status --json"). */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("state", state.phase().label());
        root.put("message", state.lastMessage());
        ObjectNode running = root.putObject("running");
        running.put("slot", node.booted().name());
        running.put("image", node.imageName());
        running.put("version", node.version());
        running.put("compatibility", node.compatibility());
        running.put("security-version", node.securityVersion());
        running.put("root-hash", node.rootHash());
        if (state.target() == null) {
            root.putNull("target");
        } else {
            ObjectNode target = root.putObject("target");
            target.put("version", state.target().version());
            target.put("slot", state.target().slot().name());
            target.put("frames-done", state.target().framesDone());
        }
        ObjectNode slots = root.putObject("slots");
        for (Slot slot : Slot.values()) {
            SlotBoot s = boot.slot(slot);
            ObjectNode node = slots.putObject(slot.name());
            node.put("boot", s.state().name().toLowerCase(Locale.ROOT));
            if (s.version() == null) {
                node.putNull("version");
            } else {
                node.put("version", s.version());
            }
            node.put("priority", s.gpt().priority());
            node.put("tries", s.gpt().tries());
            node.put("successful", s.gpt().successful());
        }
        if (boot.next() == null) {
            root.putNull("next-boot");
        } else {
            root.put("next-boot", boot.next().name());
        }
        var rolledBack = root.putArray("rolled-back");
        state.rolledBack().forEach(rolledBack::add);
        root.put("paused", state.paused());
        if (state.pin() == null) {
            root.putNull("pin");
        } else {
            root.put("pin", state.pin());
        }
        if (state.lastCheck() == 0) {
            root.putNull("last-check");
        } else {
            root.put("last-check", Instant.ofEpochSecond(state.lastCheck()).toString());
        }
        root.put("channel-version-seen", state.channelVersionSeen());
        ObjectNode counters = root.putObject("counters");
        counters.put("bytes-downloaded", state.counters().bytesDownloaded());
        counters.put("updates-applied", state.counters().updatesApplied());
        counters.put("rollbacks", state.counters().rollbacks());
        counters.put("verification-failures", state.counters().verificationFailures());
        return root;
    }

    /**
     * One line of {@code key=value} fields for the serial console (the image's boot report prints it after
     * {@code SLIPWAY-AGENT}): what runs, what the agent concluded, what boots next. The free-text message comes
     * last, quoted, so every other field splits on spaces.
     */
    public String toLine() {
        return "slot=" + node.booted() + " version=" + node.version() + " state=" + state.phase().label()
                + " target=" + (state.target() == null ? "none" : state.target().version() + "@" + state.target().slot())
                + " next-boot=" + (boot.next() == null ? "none" : boot.next().name())
                + " rolled-back=" + (state.rolledBack().isEmpty() ? "none" : String.join(",", state.rolledBack()))
                + " last-check=" + (state.lastCheck() == 0 ? "never" : Instant.ofEpochSecond(state.lastCheck()).toString())
                + " message=\"" + state.lastMessage().replace('"', '\'').replace('\n', ' ') + "\"";
    }

    /** The text form: a few lines an operator reads at a glance. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("state:    ").append(state.phase().label()).append(" (").append(state.lastMessage()).append(")\n");
        out.append("running:  ").append(node.imageName()).append(' ').append(node.version()).append(" on slot ")
                .append(node.booted()).append(", security version ").append(node.securityVersion()).append('\n');
        if (state.target() != null) {
            out.append("target:   ").append(state.target().version()).append(" into slot ").append(state.target().slot())
                    .append(", ").append(state.target().framesDone()).append(" frames written\n");
        }
        for (Slot slot : Slot.values()) {
            SlotBoot s = boot.slot(slot);
            out.append("slot ").append(slot).append(":   ").append(s.state().name().toLowerCase(Locale.ROOT))
                    .append(s.version() == null ? "" : " " + s.version())
                    .append(String.format(Locale.ROOT, " (gpt priority %d, tries %d, successful %d)%n",
                            s.gpt().priority(), s.gpt().tries(), s.gpt().successful() ? 1 : 0));
        }
        out.append("next boot: ").append(boot.next() == null ? "none" : "slot " + boot.next()).append('\n');
        if (!state.rolledBack().isEmpty()) {
            out.append("rolled back, not retried: ").append(String.join(", ", state.rolledBack())).append('\n');
        }
        if (state.paused() || state.pin() != null) {
            out.append("operator: ").append(state.paused() ? "paused" : "running")
                    .append(state.pin() == null ? "" : ", pinned to " + state.pin()).append('\n');
        }
        out.append("last check: ").append(state.lastCheck() == 0 ? "never"
                : Instant.ofEpochSecond(state.lastCheck()).toString()).append('\n');
        return out.toString();
    }
}
