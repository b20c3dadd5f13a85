package dev.slipway.agent.testing;

import dev.slipway.agent.disk.StateFiles;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** State files as the real ones promise them: a replace is atomic and durable when it returns, or never happened. */
public final class MemoryStateFiles implements StateFiles {

    private final Map<String, byte[]> files;
    private final CrashSwitch crash;

    public MemoryStateFiles(Map<String, byte[]> files, CrashSwitch crash) {
        this.files = new HashMap<>(files);
        this.crash = crash;
    }

    public MemoryStateFiles afterReboot(CrashSwitch newCrash) {
        return new MemoryStateFiles(files, newCrash);
    }

    @Override
    public Optional<byte[]> read(String name) {
        return Optional.ofNullable(files.get(name)).map(byte[]::clone);
    }

    @Override
    public void replace(String name, byte[] bytes) {
        crash.tick();
        files.put(name, bytes.clone());
    }
}
