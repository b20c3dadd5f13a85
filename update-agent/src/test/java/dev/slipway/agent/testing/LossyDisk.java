package dev.slipway.agent.testing;

import dev.slipway.agent.disk.BlockDevice;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A disk whose writes reach the platter only at sync: until then they sit in a cache of 4 KiB pages, and
 * {@link #powerLoss} throws the cache away, all of it, or (as a disk that writes back in any order would)
 * a random part of it, page by page. The durable bytes are kept in memory, sparse.
 */
public final class LossyDisk implements BlockDevice {

    static final int PAGE = 4096;

    private final long size;
    private final Map<Long, byte[]> durable;
    private final TreeMap<Long, byte[]> cache = new TreeMap<>();
    private final CrashSwitch crash;

    private LossyDisk(long size, Map<Long, byte[]> durable, CrashSwitch crash) {
        this.size = size;
        this.durable = durable;
        this.crash = crash;
    }

    /** A disk holding a copy of {@code file}'s bytes (zero pages are not stored). */
    public static LossyDisk of(java.nio.file.Path file, CrashSwitch crash) throws IOException {
        Map<Long, byte[]> pages = new HashMap<>();
        long size;
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            size = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(PAGE);
            for (long page = 0; page * PAGE < size; page++) {
                buffer.clear();
                channel.read(buffer, page * PAGE);
                byte[] bytes = buffer.array().clone();
                if (!isZero(bytes)) {
                    pages.put(page, bytes);
                }
            }
        }
        return new LossyDisk(size, pages, crash);
    }

    /** The same durable bytes with an empty cache and another switch: the disk after a reboot. */
    public LossyDisk afterReboot(CrashSwitch newCrash) {
        Map<Long, byte[]> copy = new HashMap<>();
        durable.forEach((page, bytes) -> copy.put(page, bytes.clone()));
        return new LossyDisk(size, copy, newCrash);
    }

    /** Loses the cache: all of it, or when {@code random} is given, each page with even odds. */
    public void powerLoss(Random random) {
        if (random != null) {
            cache.forEach((page, bytes) -> {
                if (random.nextBoolean()) {
                    durable.put(page, bytes);
                }
            });
        }
        cache.clear();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(ByteBuffer dst, long position) throws IOException {
        if (position + dst.remaining() > size) {
            throw new EOFException("read past the end of the disk");
        }
        while (dst.hasRemaining()) {
            long page = position / PAGE;
            int within = (int) (position % PAGE);
            int length = Math.min(PAGE - within, dst.remaining());
            dst.put(page(page), within, length);
            position += length;
        }
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
        crash.tick();
        if (position + src.remaining() > size) {
            throw new IOException("write past the end of the disk");
        }
        while (src.hasRemaining()) {
            long page = position / PAGE;
            int within = (int) (position % PAGE);
            int length = Math.min(PAGE - within, src.remaining());
            byte[] bytes = page(page).clone();
            src.get(bytes, within, length);
            cache.put(page, bytes);
            position += length;
        }
    }

    @Override
    public void sync() {
        crash.tick();
        durable.putAll(cache);
        cache.clear();
    }

    @Override
    public void close() {
    }

    /** The durable bytes of a range (what a reboot would read). */
    public byte[] durableBytes(long position, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; ) {
            long at = position + i;
            long page = at / PAGE;
            int within = (int) (at % PAGE);
            int n = Math.min(PAGE - within, length - i);
            byte[] bytes = durable.get(page);
            if (bytes != null) {
                System.arraycopy(bytes, within, out, i, n);
            }
            i += n;
        }
        return out;
    }

    /** A durable page, as a reboot would see it. */
    @FunctionalInterface
    public interface PageVisitor {
        void visit(long offset, byte[] bytes) throws IOException;
    }

    public void forEachDurablePage(PageVisitor visitor) throws IOException {
        for (var page : new TreeMap<>(durable).entrySet()) {
            visitor.visit(page.getKey() * PAGE, page.getValue());
        }
    }

    private byte[] page(long page) {
        byte[] bytes = cache.get(page);
        if (bytes == null) {
            bytes = durable.get(page);
        }
        return bytes == null ? new byte[PAGE] : bytes;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
