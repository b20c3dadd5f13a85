package dev.slipway.agent.kvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's lock against a C process that locks as hv_kvp_daemon does; every wait is bounded. */
class KvpLockTest {

    /* Own threads: the common pool may have one, and a put blocked on the lock would starve the reader. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "kvp-lock-test");
        thread.setDaemon(true);
        return thread;
    });

    @TempDir
    Path dir;

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    /** The C tool holding the daemon's lock until its stdin closes. */
    private static final class Holder implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;

        Holder(Path pool) throws Exception {
            process = new ProcessBuilder(KvpTool.binary().toString(), "hold", pool.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", nextLine());
        }

        String nextLine() throws Exception {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, THREADS).get(10, TimeUnit.SECONDS);
        }

        void release() throws Exception {
            process.getOutputStream().close();
            assertEquals("released", nextLine());
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "kvp_tool hold ended");
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void putWaitsWhileAnotherProcessHoldsTheDaemonsLockAndCompletesOnceReleased() throws Exception {
        Path file = dir.resolve("pool");
        KvpTool.append(file, "Other", "kept");
        byte[] before = Files.readAllBytes(file);
        KvpPool pool = new KvpPool(file, false, Duration.ofSeconds(30));

        try (Holder holder = new Holder(file)) {
            CompletableFuture<Void> put = CompletableFuture.runAsync(() -> {
                try {
                    pool.put(Map.of("SlipwayState", "good"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, THREADS);
            assertThrows(TimeoutException.class, () -> put.get(500, TimeUnit.MILLISECONDS),
                    "put must not complete while the lock is held");
            assertArrayEquals(before, Files.readAllBytes(file), "nothing written under another's lock");

            holder.release();
            put.get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of("0\tOther\tkept", "1\tSlipwayState\tgood"), KvpTool.dump(file));
    }

    @Test
    void putGivesUpWithAClearMessageWhenTheLockIsNotReleasedInTime() throws Exception {
        Path file = dir.resolve("pool");
        KvpTool.append(file, "Other", "kept");
        byte[] before = Files.readAllBytes(file);
        KvpPool pool = new KvpPool(file, false, Duration.ofMillis(300));

        try (Holder holder = new Holder(file)) {
            IOException e = assertThrows(IOException.class, () -> pool.put(Map.of("SlipwayState", "good")));
            assertTrue(e.getMessage().contains("stayed locked by another process for 300 ms"), e.getMessage());
            assertThrows(IOException.class, pool::read, "reads wait for the lock too");
            holder.release();
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void theLockThePoolTakesIsTheDaemonsKindPosixWriteFromZeroToEof() throws Exception {
        Path file = dir.resolve("pool");
        KvpTool.append(file, "Other", "kept");
        assertEquals("free", KvpTool.probe(file));
        long pid = ProcessHandle.current().pid();

        PoolFile poolFile = new PoolFile(file, false, Duration.ofSeconds(5));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = poolFile.lock(channel, false);
            try {
                // F_GETLK sees fcntl locks only (not flock), so this answer proves the kinds meet.
                assertEquals("locked by " + pid + " write 0 0", KvpTool.probe(file));
                long inode = (Long) Files.getAttribute(file, "unix:ino");
                List<String> locks = Files.readAllLines(Path.of("/proc/locks")).stream()
                        .filter(line -> line.contains(":" + inode + " ")).toList();
                assertEquals(1, locks.size(), locks.toString());
                assertTrue(locks.get(0).matches("\\d+: POSIX\\s+ADVISORY\\s+WRITE " + pid + " \\S+ 0 EOF"),
                        locks.get(0));
            } finally {
                lock.release();
            }
        }
        assertEquals("free", KvpTool.probe(file));
    }

    @Test
    void threadsOfOneProcessTakeTurnsInsteadOfTrippingOverTheProcessWideLock() throws Exception {
        Path file = dir.resolve("pool");
        KvpPool pool = new KvpPool(file, true);
        List<CompletableFuture<Void>> writers = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.runAsync(() -> {
                    try {
                        for (int round = 0; round < 20; round++) {
                            pool.put(Map.of("Key" + i, "round " + round));
                            pool.read();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, THREADS)).toList();
        for (CompletableFuture<Void> writer : writers) {
            try {
                writer.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("a writer failed", e.getCause());
            }
        }
        List<String> records = KvpTool.dump(file);
        assertEquals(8, records.size(), records.toString());
        assertFalse(records.stream().anyMatch(r -> !r.endsWith("\tround 19")), records.toString());
    }
}
