package dev.slipway.agent.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instance lock against other processes: a second JVM, and Python's fcntl.lockf (the same kind of lock, taken
 * by other code) as referee.
 */
class InstanceLockTest {

    /** Exits 0 when Python can take the lock on argv[1] at once, 1 when someone holds it. */
    static final String PYTHON_TRY = "import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry:\n"
            + "    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n    sys.exit(1)\n";

    @TempDir
    Path dir;

    boolean pythonCanLock() throws Exception {
        return Command.run("python3", "-c", PYTHON_TRY, dir.resolve("agent.lock").toString()).exitCode() == 0;
    }

    @Test
    void heldUntilClosedAsPythonSees() throws Exception {
        try (InstanceLock lock = InstanceLock.acquire(dir, Duration.ZERO, "slipway-agent run")) {
            assertEquals(dir.toRealPath().resolve("agent.lock"), lock.file());
            assertEquals(false, pythonCanLock());
            assertEquals("pid " + ProcessHandle.current().pid() + "\ncommand slipway-agent run\n",
                    Files.readString(lock.file()));
            assertEquals("600", DirectoryStateFilesTest.mode(lock.file()));
        }
        assertEquals(true, pythonCanLock());
    }

    @Test
    void secondJvmIsNamedInTheRefusal() throws Exception {
        try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, dir.toString())) {
            holder.expectLine("locked");
            long started = System.nanoTime();
            InstanceLockedException e = assertThrows(InstanceLockedException.class,
                    () -> InstanceLock.acquire(dir, Duration.ofMillis(500), "slipway-agent status"));
            assertTrue(System.nanoTime() - started >= 500_000_000L, "gave up before its wait");
            assertEquals(OptionalLong.of(holder.pid()), e.pid());
            assertEquals(Optional.of("slipway-agent run"), e.command());
            assertEquals("slipway-agent (pid " + holder.pid() + ", `slipway-agent run`) holds "
                    + dir.toRealPath().resolve("agent.lock") + "; wait for it or stop it", e.getMessage());
        }
    }

    @Test
    void waitsForTheHolderToLetGo() throws Exception {
        try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, dir.toString())) {
            holder.expectLine("locked");
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(700);
                    holder.process().getOutputStream().close();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            try (InstanceLock lock = InstanceLock.acquire(dir, Duration.ofSeconds(30), "slipway-agent run")) {
                assertEquals("pid " + ProcessHandle.current().pid() + "\ncommand slipway-agent run\n",
                        Files.readString(lock.file()));
            }
        }
    }

    /** The kernel drops an fcntl lock when its holder dies, so a crashed agent never blocks the next. */
    @Test
    void aKilledHolderLeavesNoLock() throws Exception {
        ChildJvm holder = ChildJvm.start(LockHolderMain.class, dir.toString());
        holder.expectLine("locked");
        holder.kill();
        try (InstanceLock lock = InstanceLock.acquire(dir, Duration.ofSeconds(5), "slipway-agent run")) {
            assertTrue(Files.readString(lock.file()).startsWith("pid " + ProcessHandle.current().pid() + "\n"));
        }
    }

    /** Python's lockf holds it and wrote nothing: the refusal still says what to do. */
    @Test
    void aLockTakenByOtherCodeIsRespected() throws Exception {
        Files.createFile(dir.resolve("agent.lock"));
        String hold = "import fcntl,sys\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked',"
                + " flush=True)\nsys.stdin.read()\n";
        Process python = new ProcessBuilder("python3", "-c", hold, dir.resolve("agent.lock").toString()).start();
        try {
            assertEquals('l', python.getInputStream().read());
            InstanceLockedException e = assertThrows(InstanceLockedException.class,
                    () -> InstanceLock.acquire(dir, Duration.ofMillis(200), "slipway-agent run"));
            assertEquals(OptionalLong.empty(), e.pid());
            assertTrue(e.getMessage().startsWith("another slipway-agent (its lock file names no pid yet) holds "),
                    e.getMessage());
        } finally {
            python.destroyForcibly().waitFor();
        }
    }

    /** A second lock in the same JVM is refused at once, and leaves the first held (fcntl locks are per process). */
    @Test
    void sameJvmTwiceIsRefusedWithoutLosingTheFirst() throws Exception {
        try (InstanceLock first = InstanceLock.acquire(dir, Duration.ZERO, "slipway-agent run")) {
            Path sameDirectoryByLink = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-link"), dir);
            try {
                InstanceLockedException e = assertThrows(InstanceLockedException.class,
                        () -> InstanceLock.acquire(sameDirectoryByLink, Duration.ofSeconds(5), "slipway-agent run"));
                assertEquals(OptionalLong.of(ProcessHandle.current().pid()), e.pid());
            } finally {
                Files.delete(sameDirectoryByLink);
            }
            assertEquals(false, pythonCanLock());
            assertEquals(dir.toRealPath().resolve("agent.lock"), first.file());
        }
        try (InstanceLock again = InstanceLock.acquire(dir, Duration.ZERO, "slipway-agent run")) {
            assertEquals(false, pythonCanLock());
            assertTrue(Files.readString(again.file()).startsWith("pid " + ProcessHandle.current().pid()));
        }
    }
}
