package dev.slipway.agent.cli;

import dev.slipway.agent.config.AgentConfig;
import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.config.AgentConfigs;
import dev.slipway.agent.config.BootBackendKind;
import dev.slipway.agent.disk.DirectoryEsp;
import dev.slipway.agent.disk.MtoolsEsp;
import dev.slipway.agent.node.BootedSystem;
import dev.slipway.agent.node.FileBlockDevice;
import dev.slipway.agent.state.Slot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which node a command acts on: this one (the running system and agent.toml), or a disk image file
 * ({@code --disk IMAGE --booted A|B --state DIR}), the way tests and teams that pre-stage images use it.
 */
public final class Where {

    @Option(names = "--config", paramLabel = "FILE", description = "agent.toml (default: ${DEFAULT-VALUE})",
            defaultValue = "/etc/slipway/agent.toml")
    Path config;

    @Option(names = "--disk", paramLabel = "IMAGE", description = "act on this disk image file instead of the running"
            + " system")
    Path disk;

    @Option(names = "--booted", paramLabel = "A|B", description = "with --disk: the slot the image counts as booted")
    String booted;

    @Option(names = "--state", paramLabel = "DIR", description = "the agent's state directory (default: agent.toml's"
            + " state-directory)")
    Path state;

    @Option(names = "--boot-backend", paramLabel = "KIND", description = "with --disk: systemd-boot (default) or gptprio")
    String bootBackend;

    @Option(names = "--machine-id", paramLabel = "ID", description = "with --disk: the machine-id that places the node"
            + " in a channel's waves (default: the image's disk GUID)")
    String machineId;

    private AgentConfig loaded;

    boolean diskMode() {
        return disk != null;
    }

    /** agent.toml, read once; only in node mode. */
    AgentConfig config() throws IOException, AgentConfigException {
        if (loaded == null) {
            loaded = AgentConfigs.load(config);
        }
        return loaded;
    }

    Path stateDirectory() throws IOException, AgentConfigException {
        if (state != null) {
            return state.toAbsolutePath();
        }
        if (diskMode()) {
            throw new IllegalArgumentException("--disk needs --state DIR: where the agent keeps this image's state");
        }
        return config().stateDirectory();
    }

    BootBackendKind backend() throws IOException, AgentConfigException {
        if (bootBackend != null) {
            return BootBackendKind.of(bootBackend).orElseThrow(() -> new IllegalArgumentException("--boot-backend "
                    + bootBackend + " is not one of " + BootBackendKind.keys()));
        }
        return diskMode() ? BootBackendKind.SYSTEMD_BOOT : config().bootBackend();
    }

    /** Opens the node: the booted disk of the running system, or the image file. */
    NodeSetup open(String command) throws IOException, AgentConfigException {
        return open(command, true);
    }

    /** @param exclusive hold the instance lock (everything but status) */
    NodeSetup open(String command, boolean exclusive) throws IOException, AgentConfigException {
        if (diskMode()) {
            if (booted == null) {
                throw new IllegalArgumentException("--disk needs --booted A|B: the slot the image counts as running");
            }
            FileBlockDevice device = FileBlockDevice.open(disk);
            String id = machineId != null ? machineId : diskGuid(device);
            return NodeSetup.open(stateDirectory(), command, device, MtoolsEsp.inDiskImage(disk), backend(),
                    Slot.parse(booted), null, id, exclusive);
        }
        AgentConfig config = config();
        BootedSystem system = BootedSystem.discover(Path.of("/"));
        String id = Files.readString(Path.of("/etc/machine-id"), StandardCharsets.US_ASCII).trim();
        return NodeSetup.open(stateDirectory(), command, FileBlockDevice.open(system.disk()),
                new DirectoryEsp(config.esp()), backend(), system.slot(), system.usrHash(), id, exclusive);
    }

    private static String diskGuid(FileBlockDevice device) {
        try {
            return new dev.slipway.agent.boot.GptSlots(device).table().diskGuid().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
