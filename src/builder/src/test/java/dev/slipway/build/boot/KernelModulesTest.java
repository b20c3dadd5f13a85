package dev.slipway.build.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelModulesTest {

    private static final String DEP = """
            kernel/drivers/md/dm-verity.ko: kernel/drivers/md/dm-bufio.ko kernel/drivers/md/dm-mod.ko kernel/lib/reed_solomon/reed_solomon.ko
            kernel/drivers/md/dm-bufio.ko: kernel/drivers/md/dm-mod.ko
            kernel/drivers/md/dm-mod.ko:
            kernel/lib/reed_solomon/reed_solomon.ko:
            kernel/drivers/hv/hv_vmbus.ko:
            kernel/drivers/scsi/hv_storvsc.ko: kernel/drivers/hv/hv_vmbus.ko kernel/drivers/scsi/scsi_transport_fc.ko
            kernel/drivers/scsi/scsi_transport_fc.ko:
            """;
    private static final String BUILTIN = "kernel/fs/ext4/ext4.ko\nkernel/drivers/block/virtio_blk.ko\n";

    @Test
    void dependenciesComeFirstAndEachModuleOnce() {
        KernelModules modules = new KernelModules(DEP, BUILTIN);
        assertEquals(List.of("kernel/drivers/md/dm-mod.ko", "kernel/drivers/md/dm-bufio.ko",
                "kernel/lib/reed_solomon/reed_solomon.ko", "kernel/drivers/md/dm-verity.ko",
                "kernel/drivers/hv/hv_vmbus.ko", "kernel/drivers/scsi/scsi_transport_fc.ko",
                "kernel/drivers/scsi/hv_storvsc.ko"),
                modules.loadOrder(List.of("dm_verity", "dm-mod", "hv_storvsc", "ext4", "virtio-blk")));
        assertTrue(modules.isBuiltin("virtio_blk"));
    }

    @Test
    void anUnknownModuleIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new KernelModules(DEP, BUILTIN).loadOrder(List.of("erofs")));
        assertEquals("kernel module erofs is neither built into this kernel nor in its modules.dep", e.getMessage());
    }
}
