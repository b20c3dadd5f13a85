package dev.slipway.agent.cli;

import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.disk.DirectoryStateFiles;
import dev.slipway.agent.disk.InstanceLock;
import dev.slipway.agent.machine.Event;
import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.StateStore;
import java.io.IOException;
import java.nio.file.Path;

/** The operator's settings: changed under the instance lock, through the state machine, like everything else. */
final class OperatorCommands {

    private OperatorCommands() {
    }

    static AgentState record(Where where, String command, Event event) throws IOException, AgentConfigException {
        Path directory = where.stateDirectory();
        DirectoryStateFiles files = new DirectoryStateFiles(directory);
        try (InstanceLock lock = InstanceLock.acquire(directory, NodeSetup.LOCK_WAIT, command)) {
            StateStore store = StateStore.load(files);
            return store.commit(event);
        }
    }
}
