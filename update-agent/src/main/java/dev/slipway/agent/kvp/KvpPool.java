package dev.slipway.agent.kvp;

import static dev.slipway.agent.kvp.KvpRecords.KEY_SIZE;
import static dev.slipway.agent.kvp.KvpRecords.RECORD_SIZE;
import static dev.slipway.agent.kvp.KvpRecords.VALUE_SIZE;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Hyper-V KVP pool file, such as {@code /var/lib/hyperv/.kvp_pool_1}, the "guest" pool that the
 * guest writes and the host reads (through {@code hv_kvp_daemon}, which re-reads the file whenever the
 * host enumerates it). The layout is {@link KvpRecords}'s: 2560-byte records, no header.
 *
 * <p>Other writers share the file (Azure's cloud-init and azure-init report provisioning there), so
 * {@link #put} never rewrites it: values of keys already present are replaced in place, new keys are
 * appended, every other record keeps its bytes and its position. Every operation holds an {@code fcntl}
 * lock on the whole file (start 0, length 0, as {@code hv_kvp_daemon}'s {@code kvp_acquire_lock} takes
 * it); the JDK's {@link FileChannel#tryLock} takes exactly that on Linux: a POSIX record lock, shown in
 * {@code /proc/locks} as {@code POSIX ADVISORY WRITE ... 0 EOF}. cloud-init appends under {@code flock(2)}
 * instead, which does not exclude {@code fcntl} locks; new records are therefore written through an
 * {@code O_APPEND} descriptor, so that an append of theirs and one of ours both land at the end.
 *
 * <p>Limits: keys are 1 to {@value #MAX_KEY_BYTES} bytes of UTF-8 and values at most {@value #MAX_VALUE_BYTES},
 * neither containing NUL. Longer text is refused, not truncated: the pool stores what it is given or
 * nothing, and only the caller knows which part of a value may go (see {@link KvpReporter}, which keeps
 * within the 1 KiB that Azure's own agents allow themselves).
 *
 * <p>Waits for the lock are polled and bounded (by default {@link #DEFAULT_LOCK_TIMEOUT}), so a process that
 * never lets go cannot hang the agent. Thread-safe.
 */
public final class KvpPool {

    /** The guest-to-host pool ({@code KVP_POOL_GUEST}, pool 1). */
    public static final Path GUEST_POOL = Path.of("/var/lib/hyperv/.kvp_pool_1");
    /** The longest key, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = KEY_SIZE - 1;
    /** The longest value, in bytes of UTF-8. */
    public static final int MAX_VALUE_BYTES = VALUE_SIZE - 1;
    /** How long an operation waits for another process's lock before failing. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

    /*
     * One lock for the whole JVM, because POSIX record locks belong to the process: two threads would share
     * one, closing any descriptor of the file drops all of the process's locks on it (fcntl(2)), and the JDK
     * refuses a second lock on a file this JVM already locked (OverlappingFileLockException).
     */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path file;
    private final PoolFile poolFile;

    /**
     * A pool at {@code file}. With {@code createIfMissing}, {@link #put} creates the file (mode 0644) and its
     * directory (0755) when missing, as {@code hv_kvp_daemon} does at start; otherwise it refuses.
     */
    public KvpPool(Path file, boolean createIfMissing, Duration lockTimeout) {
        this.file = Objects.requireNonNull(file, "file");
        this.poolFile = new PoolFile(file, createIfMissing, Objects.requireNonNull(lockTimeout, "lockTimeout"));
    }

    /** A pool at {@code file} with the default lock timeout. */
    public KvpPool(Path file, boolean createIfMissing) {
        this(file, createIfMissing, DEFAULT_LOCK_TIMEOUT);
    }

    /** The guest pool, which {@code hv_kvp_daemon} must have created. */
    public static KvpPool guest() {
        return new KvpPool(GUEST_POOL, false);
    }

    /** The pool file. */
    public Path file() {
        return file;
    }

    /**
     * Every record, in file order; for a key written twice, the first (the one {@code hv_kvp_daemon}
     * answers a get with). Empty when the file does not exist. A trailing partial record is ignored, as
     * the daemon's {@code fread} of whole records ignores it; bytes that are not UTF-8 read as U+FFFD.
     */
    public Map<String, String> read() throws IOException {
        IN_PROCESS.lock();
        try {
            if (!Files.exists(file)) {
                return Map.of();
            }
            try (FileChannel channel = FileChannel.open(file, READ)) {
                FileLock lock = poolFile.lock(channel, true);
                try {
                    byte[] pool = poolFile.readAll(channel);
                    Map<String, String> records = new LinkedHashMap<>();
                    for (int offset = 0; offset + RECORD_SIZE <= pool.length; offset += RECORD_SIZE) {
                        records.putIfAbsent(KvpRecords.decode(KvpRecords.cString(pool, offset, KEY_SIZE)),
                                KvpRecords.decode(KvpRecords.cString(pool, offset + KEY_SIZE, VALUE_SIZE)));
                    }
                    return Collections.unmodifiableMap(records);
                } finally {
                    lock.release();
                }
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * Sets {@code entries}: each key already present gets its value field rewritten in place (every record
     * of that key, should another writer have duplicated it), each other key is appended as a record, in
     * the map's order. Durable (fsync) before the lock is released.
     *
     * @throws IllegalArgumentException for a key or value the pool cannot hold whole (nothing is written)
     * @throws IOException when the file is missing and not to be created, is not a whole number of records,
     *     stays locked past the timeout, or cannot be read or written
     */
    public void put(Map<String, String> entries) throws IOException {
        Map<String, byte[]> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            wanted.put(bytesKey(KvpRecords.keyBytes(entry.getKey())),
                    KvpRecords.valueBytes(entry.getKey(), entry.getValue()));
        }
        if (wanted.isEmpty()) {
            return;
        }
        IN_PROCESS.lock();
        try {
            poolFile.ensureExists();
            // Both descriptors stay open until the lock is released: closing either would drop it.
            try (FileChannel channel = FileChannel.open(file, READ, WRITE);
                    FileChannel appender = FileChannel.open(file, WRITE, APPEND)) {
                FileLock lock = poolFile.lock(channel, false);
                try {
                    byte[] pool = poolFile.readAll(channel);
                    poolFile.requireWholeRecords(pool.length);
                    Set<String> present = new HashSet<>();
                    for (int offset = 0; offset < pool.length; offset += RECORD_SIZE) {
                        String key = bytesKey(KvpRecords.cString(pool, offset, KEY_SIZE));
                        byte[] value = wanted.get(key);
                        if (value == null) {
                            continue;
                        }
                        present.add(key);
                        byte[] field = KvpRecords.valueField(value);
                        int at = offset + KEY_SIZE;
                        if (!Arrays.equals(pool, at, at + VALUE_SIZE, field, 0, VALUE_SIZE)) {
                            PoolFile.writeFully(channel, ByteBuffer.wrap(field), at);
                        }
                    }
                    ByteArrayOutputStream added = new ByteArrayOutputStream();
                    wanted.forEach((key, value) -> {
                        if (!present.contains(key)) {
                            added.writeBytes(KvpRecords.record(key.getBytes(StandardCharsets.ISO_8859_1), value));
                        }
                    });
                    ByteBuffer tail = ByteBuffer.wrap(added.toByteArray());
                    while (tail.hasRemaining()) {
                        appender.write(tail);
                    }
                    channel.force(true);
                } finally {
                    lock.release();
                }
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * Removes every record of {@code keys} and returns how many went. Records before the first removed one
     * keep their positions; later ones move up, as {@code hv_kvp_daemon}'s delete moves them.
     */
    public int remove(Collection<String> keys) throws IOException {
        Set<String> doomed = new HashSet<>();
        for (String key : keys) {
            doomed.add(bytesKey(KvpRecords.keyBytes(key)));
        }
        IN_PROCESS.lock();
        try {
            if (doomed.isEmpty() || !Files.exists(file)) {
                return 0;
            }
            try (FileChannel channel = FileChannel.open(file, READ, WRITE)) {
                FileLock lock = poolFile.lock(channel, false);
                try {
                    byte[] pool = poolFile.readAll(channel);
                    poolFile.requireWholeRecords(pool.length);
                    ByteArrayOutputStream kept = new ByteArrayOutputStream();
                    int removed = 0;
                    int firstRemoved = -1;
                    for (int offset = 0; offset < pool.length; offset += RECORD_SIZE) {
                        if (doomed.contains(bytesKey(KvpRecords.cString(pool, offset, KEY_SIZE)))) {
                            removed++;
                            firstRemoved = firstRemoved < 0 ? offset : firstRemoved;
                        } else if (firstRemoved >= 0) {
                            kept.write(pool, offset, RECORD_SIZE);
                        }
                    }
                    if (removed > 0) {
                        PoolFile.writeFully(channel, ByteBuffer.wrap(kept.toByteArray()), firstRemoved);
                        channel.truncate(pool.length - (long) removed * RECORD_SIZE);
                        channel.force(true);
                    }
                    return removed;
                } finally {
                    lock.release();
                }
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** Keys compared as the daemon compares them, byte for byte; ISO-8859-1 maps each byte to one char. */
    private static String bytesKey(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
