package dev.slipway.agent.kvp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Tells whether this machine is a Hyper-V or Azure guest. Hyper-V's firmware reports system vendor
 * {@value #VENDOR} and product {@value #PRODUCT} in DMI, which Linux shows in {@code /sys/class/dmi/id}; OSHI
 * reads the same table (through sysfs, or dmidecode) and serves as a cross-check; devices on the VMBus
 * ({@code /sys/bus/vmbus/devices}), which only Hyper-V offers and which KVP itself travels on, decide when
 * DMI is silent or says otherwise.
 *
 * <p>The answer: Hyper-V when DMI names it, or the VMBus has devices, or DMI cannot be read and OSHI names
 * it. When OSHI fails (no native access, as in a native image without JNA), DMI and the VMBus decide alone
 * and the reason says so.
 */
public final class HyperVDetector {

    /** DMI system vendor of a Hyper-V guest. */
    public static final String VENDOR = "Microsoft Corporation";
    /** DMI product name of a Hyper-V guest. */
    public static final String PRODUCT = "Virtual Machine";

    /**
     * What a source says the machine is.
     *
     * @param manufacturer DMI system vendor, e.g. {@code QEMU}
     * @param model DMI product name, e.g. {@code Standard PC (Q35 + ICH9, 2009)}
     */
    public record SystemIdentity(String manufacturer, String model) {

        /** Trims both; null becomes empty. */
        public SystemIdentity {
            manufacturer = manufacturer == null ? "" : manufacturer.strip();
            model = model == null ? "" : model.strip();
        }

        boolean isHyperV() {
            return VENDOR.equals(manufacturer) && PRODUCT.equals(model);
        }

        @Override
        public String toString() {
            return manufacturer + " / " + model;
        }
    }

    private final Path sysfs;
    private final Callable<Optional<SystemIdentity>> oshi;

    /** Reads this machine's {@code /sys} and asks OSHI. */
    public HyperVDetector() {
        this(Path.of("/sys"), HyperVDetector::askOshi);
    }

    /**
     * Reads DMI and the VMBus under {@code sysfsRoot} (a fake tree in tests) and asks {@code oshi}, which may
     * throw or return empty when it knows nothing.
     */
    public HyperVDetector(Path sysfsRoot, Callable<Optional<SystemIdentity>> oshi) {
        this.sysfs = Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        this.oshi = Objects.requireNonNull(oshi, "oshi");
    }

    /** Looks; never throws. */
    public HyperVDetection detect() {
        Optional<SystemIdentity> dmi = readDmi();
        String oshiSays;
        boolean oshiHyperV = false;
        try {
            Optional<SystemIdentity> fromOshi = oshi.call();
            oshiHyperV = fromOshi.map(SystemIdentity::isHyperV).orElse(false);
            oshiSays = fromOshi.map(id -> dmi.isEmpty() ? "OSHI says " + id
                    : id.equals(dmi.get()) ? "OSHI agrees" : "OSHI disagrees (" + id + ")")
                    .orElse("OSHI knows nothing");
        } catch (Exception | LinkageError e) {
            oshiSays = "OSHI unavailable (" + oneLine(e) + "), DMI alone";
        }
        int vmbus = vmbusDevices();
        boolean dmiHyperV = dmi.map(SystemIdentity::isHyperV).orElse(false);
        boolean hyperV = dmiHyperV || vmbus > 0 || (dmi.isEmpty() && oshiHyperV);
        String dmiSays = dmi.map(id -> "DMI says " + id).orElse("no DMI in " + dmiDir());
        String vmbusSays = vmbus > 0 ? "VMBus has " + vmbus + " devices" : "no VMBus devices";
        return new HyperVDetection(hyperV, (hyperV ? "Hyper-V: " : "not Hyper-V: ")
                + dmiSays + "; " + oshiSays + "; " + vmbusSays);
    }

    /** OSHI's view of the computer system; empty when it reports neither field. */
    public static Optional<SystemIdentity> askOshi() {
        oshi.hardware.ComputerSystem system = new oshi.SystemInfo().getHardware().getComputerSystem();
        String manufacturer = known(system.getManufacturer());
        String model = productName(known(system.getModel()));
        return manufacturer.isEmpty() && model.isEmpty() ? Optional.empty()
                : Optional.of(new SystemIdentity(manufacturer, model));
    }

    /** On Linux OSHI's model is DMI's product name followed by " (version: PRODUCT_VERSION)"; the name alone. */
    static String productName(String oshiModel) {
        return oshiModel.replaceFirst(" \\(version: [^)]*\\)$", "");
    }

    private static String known(String oshiValue) {
        // OSHI's placeholder for a value it could not read.
        return oshiValue == null || oshiValue.strip().equals("unknown") ? "" : oshiValue;
    }

    private Path dmiDir() {
        return sysfs.resolve("class/dmi/id");
    }

    private Optional<SystemIdentity> readDmi() {
        Optional<String> vendor = readLine(dmiDir().resolve("sys_vendor"));
        Optional<String> product = readLine(dmiDir().resolve("product_name"));
        return vendor.isEmpty() && product.isEmpty() ? Optional.empty()
                : Optional.of(new SystemIdentity(vendor.orElse(""), product.orElse("")));
    }

    private static Optional<String> readLine(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private int vmbusDevices() {
        int count = 0;
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(sysfs.resolve("bus/vmbus/devices"))) {
            for (Path ignored : devices) {
                count++;
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return count;
        }
        return count;
    }

    private static String oneLine(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.replaceAll("\\s+", " ").strip();
    }
}
