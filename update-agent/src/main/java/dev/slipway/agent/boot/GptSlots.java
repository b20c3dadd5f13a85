package dev.slipway.agent.boot;

import dev.slipway.agent.disk.BlockDevice;
import dev.slipway.agent.state.Slot;
import dev.slipway.gpt.DiskWriter;
import dev.slipway.gpt.PartitionEntry;
import dev.slipway.gpt.PartitionTable;
import dev.slipway.gpt.ReadResult;
import dev.slipway.gpt.SlotAttributes;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The USR slots' GPT attribute bits (priority, tries, successful: the ChromeOS bits Flatcar uses), read and
 * changed through the injected disk, so a crash test sees the table's writes too. Both copies of the table
 * are written, the backup first, each forced to the disk before the next.
 */
public final class GptSlots {

    private final BlockDevice disk;

    public GptSlots(BlockDevice disk) {
        this.disk = disk;
    }

    public PartitionTable table() throws IOException {
        ReadResult result = PartitionTable.read((dst, position) -> disk.read(dst, position), disk.size());
        return result.table();
    }

    public PartitionEntry partition(Slot slot) throws IOException {
        return table().partition(slot.partitionNumber()).orElseThrow(() -> new IOException("the disk has no partition "
                + slot.partitionNumber() + " (" + slot.partitionLabel() + "): it is not a Slipway disk"));
    }

    public SlotAttributes attributes(Slot slot) throws IOException {
        return SlotAttributes.fromAttributes(partition(slot).attributes());
    }

    /** Sets both slots' bits in one table write. */
    public void set(SlotAttributes a, SlotAttributes b) throws IOException {
        PartitionTable table = table();
        update(table, table.withSlot(Slot.A.partitionNumber(), a).withSlot(Slot.B.partitionNumber(), b));
    }

    public void set(Slot slot, SlotAttributes attributes) throws IOException {
        PartitionTable table = table();
        update(table, table.withSlot(slot.partitionNumber(), attributes));
    }

    private void update(PartitionTable table, PartitionTable changed) throws IOException {
        if (changed.equals(table)) {
            return;
        }
        changed.updateInPlace(new DiskWriter() {
            @Override
            public void writeFully(ByteBuffer src, long position) throws IOException {
                disk.write(src, position);
            }

            @Override
            public void force() throws IOException {
                disk.sync();
            }
        }, disk.size());
    }
}
