package dev.slipway.agent.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * state.json: the agent's state as JSON with kebab-case keys, written by hand rather than by reflection so
 * a native build needs no reflection configuration. Reading refuses anything it does not understand: a state
 * the agent cannot read fully is not one it may act on.
 */
public final class AgentStateJson {

    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentStateJson() {
    }

    public static byte[] write(AgentState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("phase", state.phase().label());
        if (state.target() != null) {
            Target t = state.target();
            ObjectNode target = root.putObject("target");
            target.put("version", t.version());
            target.put("security-version", t.securityVersion());
            target.put("slot", t.slot().name());
            target.put("path", t.path());
            target.put("manifest-sha256", t.manifestSha256());
            target.put("root-hash", t.rootHash());
            target.put("frames-done", t.framesDone());
        }
        root.put("channel-version-seen", state.channelVersionSeen());
        ArrayNode rolledBack = root.putArray("rolled-back");
        state.rolledBack().forEach(rolledBack::add);
        root.put("paused", state.paused());
        if (state.pin() != null) {
            root.put("pin", state.pin());
        }
        root.put("last-check", state.lastCheck());
        root.put("last-message", state.lastMessage());
        ObjectNode counters = root.putObject("counters");
        counters.put("bytes-downloaded", state.counters().bytesDownloaded());
        counters.put("updates-applied", state.counters().updatesApplied());
        counters.put("rollbacks", state.counters().rollbacks());
        counters.put("verification-failures", state.counters().verificationFailures());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).concat("\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static AgentState read(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        only(root, "format", "phase", "target", "channel-version-seen", "rolled-back", "paused", "pin", "last-check",
                "last-message", "counters");
        if (number(root, "format") != FORMAT) {
            throw new IllegalArgumentException("state format " + root.get("format") + " is not " + FORMAT);
        }
        Target target = null;
        JsonNode t = root.get("target");
        if (t != null) {
            only(t, "version", "security-version", "slot", "path", "manifest-sha256", "root-hash", "frames-done");
            target = new Target(text(t, "version"), number(t, "security-version"), Slot.parse(text(t, "slot")),
                    text(t, "path"), text(t, "manifest-sha256"), text(t, "root-hash"),
                    Math.toIntExact(number(t, "frames-done")));
        }
        List<String> rolledBack = new ArrayList<>();
        JsonNode list = root.get("rolled-back");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("rolled-back must be a list");
        }
        list.forEach(v -> rolledBack.add(v.asText()));
        JsonNode c = root.get("counters");
        if (c == null) {
            throw new IllegalArgumentException("counters are missing");
        }
        only(c, "bytes-downloaded", "updates-applied", "rollbacks", "verification-failures");
        JsonNode pin = root.get("pin");
        JsonNode paused = root.get("paused");
        if (paused == null || !paused.isBoolean()) {
            throw new IllegalArgumentException("paused must be true or false");
        }
        return new AgentState(Phase.ofLabel(text(root, "phase")), target, number(root, "channel-version-seen"),
                rolledBack, paused.booleanValue(), pin == null ? null : pin.asText(), number(root, "last-check"),
                text(root, "last-message"), new AgentState.Counters(number(c, "bytes-downloaded"),
                number(c, "updates-applied"), number(c, "rollbacks"), number(c, "verification-failures")));
    }

    private static void only(JsonNode node, String... names) {
        List<String> allowed = List.of(names);
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"");
            }
        });
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException(name + " must be a whole number, at least 0");
        }
        return value.asLong();
    }
}
