package dev.slipway.build.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A disk booted in QEMU with OVMF under TCG, no network ({@code -nic none}), its serial console in
 * a file. Every wait is bounded; closing kills the machine and copies the serial log to
 * {@code target/boot-logs}, so every run, failed or not, leaves it as an artifact.
 *
 * <p>QEMU always runs with {@code -no-reboot}. A guest that may reboot is power-cycled instead: when
 * QEMU exits without the kernel having powered off, a new QEMU starts on the same disk, as the
 * firmware would after a reset. (QEMU 7.2's own reset hung for minutes now and then under TCG with
 * two vCPUs; a fresh process never does, and the disk is all the state a reboot keeps here.)
 */
final class QemuGuest implements AutoCloseable {

    static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    private static final Path LOGS = Path.of("target/boot-logs").toAbsolutePath();
    /** What the kernel prints when it powers the machine off, rather than restarting it. */
    private static final Pattern POWER_DOWN = Pattern.compile("reboot: Power down|System halted");
    private static final int MAX_BOOTS = 20;
    /**
     * The emulator's fullest CPU without the AVX family, which QEMU 7.2 was the first to emulate under TCG. The
     * agent's JVM dies now and then with SIGSEGV in JIT-compiled code under this QEMU's TCG (at the first
     * instruction of a compiled method, a fault address no instruction there makes): in two of two starts with
     * AVX offered, in about half of them without. systemd restarts the agent and the update resumes; the
     * end-to-end test keeps the JVM's reports. Never seen on the host's CPU.
     */
    private static final String CPU = "max,-avx,-avx2,-fma,-f16c,-vaes,-vpclmulqdq";

    private final Path disk;
    private final String format;
    private final String name;
    private final boolean rebooting;
    private final List<String> extra;
    private final List<Path> serials = new ArrayList<>();
    private Process process;

    private QemuGuest(Path disk, String format, String name, boolean rebooting, List<String> extra) {
        this.disk = disk;
        this.format = format;
        this.name = name;
        this.rebooting = rebooting;
        this.extra = List.copyOf(extra);
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
        return boot(disk, format, name, rebooting, List.of());
    }

    /** As above, with more QEMU arguments (a second disk, SMBIOS values), given to every power-on. */
    static QemuGuest boot(Path disk, String format, String name, boolean rebooting, List<String> extra)
            throws IOException {
        if (!Files.isRegularFile(OVMF_CODE)) {
            throw new IllegalStateException(OVMF_CODE + " is missing: apt-get install ovmf qemu-system-x86");
        }
        Files.deleteIfExists(disk.resolveSibling(name + ".qemu.log"));
        QemuGuest guest = new QemuGuest(disk, format, name, rebooting, extra);
        guest.powerOn();
        return guest;
    }

    private void powerOn() throws IOException {
        Path serial = disk.resolveSibling(name + (serials.isEmpty() ? "" : "." + (serials.size() + 1)) + ".serial.log");
        Files.deleteIfExists(serial);
        serials.add(serial);
        List<String> command = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-cpu", CPU, "-m",
                "1536", "-smp", "2", "-nic", "none", "-display", "none", "-monitor", "none", "-no-reboot",
                "-drive", "if=pflash,format=raw,readonly=on,file=" + OVMF_CODE,
                "-drive", "file=" + disk + ",format=" + format + ",if=virtio",
                "-serial", "file:" + serial,
                "-chardev", "socket,id=control,path=" + controlSocket() + ",server=on,wait=off", "-serial", "chardev:control"));
        command.addAll(extra);
        Files.deleteIfExists(controlSocket());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(disk.resolveSibling(name + ".qemu.log").toFile()))
                .start();
    }

    /** Whether the machine is still running, power-cycling a rebooting guest whose QEMU exited on a reset. */
    private boolean running() throws IOException {
        if (process.isAlive()) {
            return true;
        }
        if (!rebooting || serials.size() >= MAX_BOOTS
                || POWER_DOWN.matcher(Files.exists(serials.getLast()) ? Files.readString(serials.getLast(),
                StandardCharsets.UTF_8) : "").find()) {
            return false;
        }
        powerOn();
        return true;
    }

    /** Waits up to {@code limit} for a serial line matching {@code pattern}; fails with the log's tail. */
    Matcher await(Pattern pattern, Duration limit) throws IOException, InterruptedException {
        return await(pattern, limit, 0, 500);
    }

    /**
     * Waits up to {@code limit} for a match that starts at or after {@code from} in {@link #log()} (a
     * {@link #mark()} taken earlier), looking every {@code pollMillis}.
     */
    Matcher await(Pattern pattern, Duration limit, int from, long pollMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(log());
            if (matcher.find(from)) {
                return matcher;
            }
            if (!running()) {
                break;
            }
            Thread.sleep(pollMillis);
        }
        throw new AssertionError(name + ": no line matching " + pattern + " within " + limit.toSeconds() + " s"
                + (process.isAlive() ? "" : " (QEMU exited)") + " after " + serials.size() + " boot(s); serial logs kept in "
                + LOGS + "; the end:\n"
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

    /** Every boot's serial output, in order. */
    String log() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path serial : serials) {
            if (Files.exists(serial)) {
                all.append(new String(Files.readAllBytes(serial), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** Where the serial output so far ends: later waits can look only past it. */
    int mark() throws IOException {
        return log().length();
    }

    /**
     * Cuts the power: QEMU is killed at once, with whatever the guest had not written to the disk lost (QEMU
     * runs with the default writeback cache, so what the guest flushed is in the host's page cache). The next
     * wait powers a rebooting guest on again.
     */
    void powerCut() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Writes "poweroff" to the guest's second serial port (ttyS1) and waits up to {@code limit} for the poweroff,
     * then cuts the power. A guest image reacts to it only if it runs a unit that listens there, as the end-to-end
     * test's overlay does.
     */
    void requestPoweroff(Duration limit) throws IOException, InterruptedException {
        send("poweroff");
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            // What the guest wrote has long reached its disk (ext4 commits every 5 s): a power cut loses nothing the
            // checks afterwards read, and a control channel that failed is no reason to fail the scenario.
            System.err.println(name + ": the guest did not power off within " + limit.toSeconds() + " s of being asked;"
                    + " cutting the power (serial logs in " + LOGS + ")");
            powerCut();
        }
    }

    /** Writes one line to the guest's second serial port (ttyS1), for a unit of the guest that listens there. */
    void send(String command) throws IOException {
        try (java.nio.channels.SocketChannel control = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(controlSocket()))) {
            control.write(java.nio.ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private Path controlSocket() {
        return disk.resolveSibling(name + ".control");
    }

    private String tail(int lines) throws IOException {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private void keepLog() throws IOException {
        Files.createDirectories(LOGS);
        for (Path serial : serials) {
            if (Files.exists(serial)) {
                Files.copy(serial, LOGS.resolve(serial.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
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
