package dev.slipway.agent.install;

import dev.slipway.agent.disk.BlockDevice;
import dev.slipway.gpt.PartitionEntry;
import dev.slipway.slot.SlotTrailer;
import dev.slipway.slot.SlotTrailerException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/** One USR partition of the disk: bounded reads and writes, and its trailer in the last 4 KiB. */
public final class SlotRegion {

    private final BlockDevice disk;
    private final long start;
    private final long size;

    public SlotRegion(BlockDevice disk, PartitionEntry partition) {
        this.disk = disk;
        this.start = partition.firstByte();
        this.size = partition.sizeBytes();
    }

    /** Bytes a payload may use: everything before the trailer. */
    public long payloadCapacity() {
        return size - SlotTrailer.SIZE;
    }

    public void write(long offset, byte[] bytes, int from, int length) throws IOException {
        if (offset < 0 || offset + length > size) {
            throw new IllegalArgumentException("a write of " + length + " bytes at " + offset
                    + " leaves the partition of " + size + " bytes");
        }
        disk.write(ByteBuffer.wrap(bytes, from, length), start + offset);
    }

    public void read(long offset, byte[] into, int length) throws IOException {
        if (offset < 0 || offset + length > size) {
            throw new IllegalArgumentException("a read of " + length + " bytes at " + offset
                    + " leaves the partition of " + size + " bytes");
        }
        disk.read(ByteBuffer.wrap(into, 0, length), start + offset);
    }

    public void sync() throws IOException {
        disk.sync();
    }

    /** The slot's trailer, or empty when it has none or a damaged one (a slot being written has none). */
    public Optional<SlotTrailer> trailer() throws IOException {
        byte[] block = new byte[SlotTrailer.SIZE];
        read(size - SlotTrailer.SIZE, block, block.length);
        try {
            return Optional.of(SlotTrailer.decode(block));
        } catch (SlotTrailerException e) {
            return Optional.empty();
        }
    }

    public void writeTrailer(SlotTrailer trailer) throws IOException {
        byte[] block = trailer.encode();
        write(size - SlotTrailer.SIZE, block, 0, block.length);
        sync();
    }

    /** Zeroes the trailer, so nothing mistakes the slot for a complete one while it is rewritten. */
    public void eraseTrailer() throws IOException {
        byte[] zeros = new byte[SlotTrailer.SIZE];
        write(size - SlotTrailer.SIZE, zeros, 0, zeros.length);
        sync();
    }
}
