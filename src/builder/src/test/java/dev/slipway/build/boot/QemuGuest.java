package dev.slipway.build.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A disk booted in QEMU with OVMF under TCG, no network ({@code -nic none}), its serial console in
 * a file. Every wait is bounded; closing kills the machine and copies the serial log to
 * {@code target/boot-logs}, so every run, failed or not, leaves it as an artifact.
 */
final class QemuGuest implements AutoCloseable {

    static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    private static final Path LOGS = Path.of("target/boot-logs").toAbsolutePath();

    private final Process process;
    private final Path serial;
    private final String name;

    private QemuGuest(Process process, Path serial, String name) {
        this.process = process;
        this.serial = serial;
        this.name = name;
    }

    /** Boots {@code disk} ("raw" or "vhdx") once: QEMU exits when the guest reboots or powers off. */
    static QemuGuest boot(Path disk, String format, String name) throws IOException {
        return boot(disk, format, name, false);
    }

    /**
     * Boots {@code disk}; with {@code rebooting} a reboot restarts the machine (the firmware runs
     * again, as on a real node) and only a poweroff ends QEMU. The serial log goes beside the disk.
     */
    static QemuGuest boot(Path disk, String format, String name, boolean rebooting) throws IOException {
        if (!Files.isRegularFile(OVMF_CODE)) {
            throw new IllegalStateException(OVMF_CODE + " is missing: apt-get install ovmf qemu-system-x86");
        }
        Path serial = disk.resolveSibling(name + ".serial.log");
        Files.deleteIfExists(serial);
        List<String> command = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-m",
                "1536", "-smp", "2", "-nic", "none", "-display", "none", "-monitor", "none",
                "-drive", "if=pflash,format=raw,readonly=on,file=" + OVMF_CODE,
                "-drive", "file=" + disk + ",format=" + format + ",if=virtio",
                "-serial", "file:" + serial));
        if (!rebooting) {
            command.add("-no-reboot");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(disk.resolveSibling(name + ".qemu.log").toFile()).start();
        return new QemuGuest(process, serial, name);
    }

    /** Waits up to {@code limit} for a serial line matching {@code pattern}; fails with the log's tail. */
    Matcher await(Pattern pattern, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Matcher> found = find(pattern);
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + ": no line matching " + pattern + " within " + limit.toSeconds() + " s"
                + (process.isAlive() ? "" : " (QEMU exited)") + "; serial log kept in " + LOGS + "; its end:\n"
                + tail(40));
    }

    /** Waits up to {@code limit} for the guest to power off (QEMU exits); fails with the log's tail. */
    void awaitPoweroff(Duration limit) throws IOException, InterruptedException {
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + ": the guest did not power off within " + limit.toSeconds()
                    + " s; serial log kept in " + LOGS + "; its end:\n" + tail(40));
        }
    }

    /** How many times {@code pattern} occurs in the serial log so far. */
    long count(Pattern pattern) throws IOException {
        return pattern.matcher(log()).results().count();
    }

    String log() throws IOException {
        return Files.exists(serial) ? new String(Files.readAllBytes(serial), StandardCharsets.UTF_8) : "";
    }

    private Optional<Matcher> find(Pattern pattern) throws IOException {
        Matcher matcher = pattern.matcher(log());
        return matcher.find() ? Optional.of(matcher) : Optional.empty();
    }

    private String tail(int lines) throws IOException {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private void keepLog() throws IOException {
        Files.createDirectories(LOGS);
        if (Files.exists(serial)) {
            Files.copy(serial, LOGS.resolve(serial.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        keepLog();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
