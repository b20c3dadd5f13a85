package dev.slipway.agent.testing;

import dev.slipway.agent.disk.EspFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * An ESP whose changes are durable only after sync, like FAT's: {@link #powerLoss} drops the changes since
 * the last sync, all of them or (FAT promises no order) a random subset, where a file write kept may also be
 * torn short.
 */
public final class LossyEsp implements EspFiles {

    private sealed interface Change {
        void applyTo(Map<String, byte[]> files);
    }

    private record Write(String path, byte[] bytes) implements Change {
        public void applyTo(Map<String, byte[]> files) {
            files.put(path, bytes);
        }
    }

    private record Rename(String from, String to) implements Change {
        public void applyTo(Map<String, byte[]> files) {
            byte[] bytes = files.remove(from);
            if (bytes != null) {
                files.put(to, bytes);
            }
        }
    }

    private record Delete(String path) implements Change {
        public void applyTo(Map<String, byte[]> files) {
            files.remove(path);
        }
    }

    private final TreeMap<String, byte[]> durable;
    private final List<Change> pending = new ArrayList<>();
    private final CrashSwitch crash;

    public LossyEsp(Map<String, byte[]> files, CrashSwitch crash) {
        this.durable = new TreeMap<>(files);
        this.crash = crash;
    }

    public LossyEsp afterReboot(CrashSwitch newCrash) {
        return new LossyEsp(durable, newCrash);
    }

    public void powerLoss(Random random) {
        if (random != null) {
            for (Change change : pending) {
                if (!random.nextBoolean()) {
                    continue;
                }
                if (change instanceof Write w && random.nextBoolean()) {
                    byte[] torn = java.util.Arrays.copyOf(w.bytes(), random.nextInt(w.bytes().length + 1));
                    new Write(w.path(), torn).applyTo(durable);
                } else {
                    change.applyTo(durable);
                }
            }
        }
        pending.clear();
    }

    /** The files a reboot would see. */
    public Map<String, byte[]> durableFiles() {
        return new TreeMap<>(durable);
    }

    private TreeMap<String, byte[]> view() {
        TreeMap<String, byte[]> files = new TreeMap<>(durable);
        pending.forEach(change -> change.applyTo(files));
        return files;
    }

    @Override
    public Optional<byte[]> read(String path) {
        return Optional.ofNullable(view().get(path)).map(byte[]::clone);
    }

    @Override
    public List<String> list(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        List<String> names = new ArrayList<>();
        for (String path : view().keySet()) {
            if (path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0) {
                names.add(path.substring(prefix.length()));
            }
        }
        return names;
    }

    @Override
    public void write(String path, byte[] bytes) {
        crash.tick();
        pending.add(new Write(path, bytes.clone()));
    }

    @Override
    public void rename(String from, String to) throws IOException {
        crash.tick();
        TreeMap<String, byte[]> files = view();
        if (!files.containsKey(from) || files.containsKey(to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
        pending.add(new Rename(from, to));
    }

    @Override
    public void delete(String path) {
        crash.tick();
        pending.add(new Delete(path));
    }

    @Override
    public void sync() {
        crash.tick();
        pending.forEach(change -> change.applyTo(durable));
        pending.clear();
    }
}
