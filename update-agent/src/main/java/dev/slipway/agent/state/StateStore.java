package dev.slipway.agent.state;

import dev.slipway.agent.disk.StateFiles;
import dev.slipway.agent.machine.Event;
import dev.slipway.agent.machine.Transitions;
import java.io.IOException;
import java.util.Optional;

/**
 * Loads the agent's state, applies events through {@link Transitions}, and commits each result before the
 * caller does anything that depends on it: one file, replaced atomically, so the state after a crash is
 * one the machine produced.
 */
public final class StateStore {

    public static final String FILE = "state.json";

    private final StateFiles files;
    private AgentState current;

    private StateStore(StateFiles files, AgentState current) {
        this.files = files;
        this.current = current;
    }

    /** The stored state, or the initial one when there is none yet. */
    public static StateStore load(StateFiles files) throws IOException {
        Optional<byte[]> bytes = files.read(FILE);
        if (bytes.isEmpty()) {
            return new StateStore(files, AgentState.INITIAL);
        }
        try {
            return new StateStore(files, AgentStateJson.read(bytes.get()));
        } catch (IllegalArgumentException e) {
            throw new IOException("the agent's state file " + FILE + " cannot be read (" + e.getMessage() + "); it was"
                    + " not written by this agent. Move it away to start from a fresh state (the disk is checked anew)", e);
        }
    }

    public AgentState current() {
        return current;
    }

    /** Applies {@code event} and makes the new state durable before returning it. */
    public AgentState commit(Event event) throws IOException {
        AgentState next = Transitions.apply(current, event);
        files.replace(FILE, AgentStateJson.write(next));
        current = next;
        return next;
    }
}
