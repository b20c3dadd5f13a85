package dev.slipway.agent.kvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.kvp.HyperVDetector.SystemIdentity;
import dev.slipway.testing.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fake sysfs trees as Hyper-V, QEMU and a machine without DMI show them, and this machine itself. */
class HyperVDetectorTest {

    static final SystemIdentity HYPER_V = new SystemIdentity("Microsoft Corporation", "Virtual Machine");
    static final SystemIdentity QEMU = new SystemIdentity("QEMU", "Standard PC (Q35 + ICH9, 2009)");

    @TempDir
    Path sysfs;

    private void dmi(SystemIdentity identity) throws IOException {
        Path id = Files.createDirectories(sysfs.resolve("class/dmi/id"));
        Files.writeString(id.resolve("sys_vendor"), identity.manufacturer() + "\n");
        Files.writeString(id.resolve("product_name"), identity.model() + "\n");
    }

    private void vmbus(String... devices) throws IOException {
        Path dir = Files.createDirectories(sysfs.resolve("bus/vmbus/devices"));
        for (String device : devices) {
            Files.createDirectory(dir.resolve(device));
        }
    }

    @Test
    void hyperVsDmiWithOshiAgreeingAndVmbusDevices() throws IOException {
        dmi(HYPER_V);
        vmbus("f8b3781a-1e82-4818-a1c3-63d806ec15bb", "9527e630-d0ae-497b-adce-e80ab0175caf");
        HyperVDetection detection = new HyperVDetector(sysfs, () -> Optional.of(HYPER_V)).detect();
        assertEquals(new HyperVDetection(true, "Hyper-V: DMI says Microsoft Corporation / Virtual Machine;"
                + " OSHI agrees; VMBus has 2 devices"), detection);
    }

    @Test
    void whenOshiCannotRunDmiDecidesAloneAndTheReasonSaysSo() throws IOException {
        dmi(HYPER_V);
        HyperVDetection detection = new HyperVDetector(sysfs, () -> {
            throw new UnsatisfiedLinkError("no jnidispatch in\njava.library.path");
        }).detect();
        assertTrue(detection.hyperV());
        assertEquals("Hyper-V: DMI says Microsoft Corporation / Virtual Machine; OSHI unavailable"
                + " (UnsatisfiedLinkError: no jnidispatch in java.library.path), DMI alone; no VMBus devices",
                detection.reason());
    }

    @Test
    void oshisModelIsComparedWithoutTheProductVersionItAppends() {
        // As OSHI reported it inside QEMU with Hyper-V's SMBIOS values (UpdateEndToEndTest).
        assertEquals("Virtual Machine", HyperVDetector.productName("Virtual Machine (version: pc-i440fx-7.2)"));
        assertEquals("Virtual Machine", HyperVDetector.productName("Virtual Machine"));
    }

    @Test
    void qemuIsNotHyperV() throws IOException {
        dmi(QEMU);
        HyperVDetection detection = new HyperVDetector(sysfs, () -> Optional.of(QEMU)).detect();
        assertEquals(new HyperVDetection(false, "not Hyper-V: DMI says QEMU / Standard PC (Q35 + ICH9, 2009);"
                + " OSHI agrees; no VMBus devices"), detection);
    }

    @Test
    void withoutDmiOshiAndTheVmbusDecide() throws IOException {
        HyperVDetection nothing = new HyperVDetector(sysfs, Optional::empty).detect();
        assertEquals(new HyperVDetection(false, "not Hyper-V: no DMI in " + sysfs.resolve("class/dmi/id")
                + "; OSHI knows nothing; no VMBus devices"), nothing);

        assertTrue(new HyperVDetector(sysfs, () -> Optional.of(HYPER_V)).detect().hyperV(),
                "OSHI's answer stands when DMI cannot be read");

        vmbus("242ff919-07db-4180-9c2e-b86cb68c8c55");
        HyperVDetection vmbusOnly = new HyperVDetector(sysfs, Optional::empty).detect();
        assertTrue(vmbusOnly.hyperV());
        assertTrue(vmbusOnly.reason().endsWith("; VMBus has 1 devices"), vmbusOnly.reason());
    }

    @Test
    void dmiOutranksADisagreeingOshiAndTheReasonShowsBoth() throws IOException {
        dmi(QEMU);
        HyperVDetection detection = new HyperVDetector(sysfs, () -> Optional.of(HYPER_V)).detect();
        assertFalse(detection.hyperV());
        assertTrue(detection.reason().contains("OSHI disagrees (Microsoft Corporation / Virtual Machine)"),
                detection.reason());
    }

    @Test
    void thisMachineAgreesWithSystemdDetectVirtAndOshiRuns() throws IOException {
        // systemd-detect-virt names Hyper-V "microsoft"; it shares no code with OSHI or the detector.
        String virt = Command.run("systemd-detect-virt", "--vm").out().strip();
        HyperVDetection detection = new HyperVDetector().detect();
        assertEquals("microsoft".equals(virt), detection.hyperV(), virt + " vs " + detection.reason());
        assertFalse(detection.reason().contains("OSHI unavailable"),
                "OSHI with JNA " + com.sun.jna.Native.VERSION + " must load: " + detection.reason());
    }
}
