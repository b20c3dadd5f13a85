package dev.slipway.agent.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State files: contents, modes (read by stat), no temporary left, stale temporaries, and kill -9 mid-replace. */
class DirectoryStateFilesTest {

    @TempDir
    Path dir;

    static String mode(Path path) throws Exception {
        return Command.run("stat", "-c", "%a", path.toString()).check().out().strip();
    }

    @Test
    void replaceThenRead() throws Exception {
        DirectoryStateFiles state = new DirectoryStateFiles(dir.resolve("a/b/state"));
        assertEquals(Optional.empty(), state.read("slot.json"));
        state.replace("slot.json", "{\"slot\":\"A\"}".getBytes(StandardCharsets.UTF_8));
        state.replace("slot.json", "{\"slot\":\"B\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"slot\":\"B\"}", new String(state.read("slot.json").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals("{\"slot\":\"B\"}", Command.run("cat", dir.resolve("a/b/state/slot.json").toString()).check().out());
        state.replace("empty", new byte[0]);
        assertArrayEquals(new byte[0], state.read("empty").orElseThrow());
        try (var names = Files.list(state.directory())) {
            assertEquals(List.of("empty", "slot.json"), names.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void modesAre0700And0600() throws Exception {
        Path directory = dir.resolve("state");
        DirectoryStateFiles state = new DirectoryStateFiles(directory);
        state.replace("x", new byte[] {1});
        assertEquals("700", mode(directory));
        assertEquals("600", mode(directory.resolve("x")));
        // A file the operator loosened comes back 0600 with the next replace: it is a new inode.
        Command.run("chmod", "644", directory.resolve("x").toString()).check();
        state.replace("x", new byte[] {2});
        assertEquals("600", mode(directory.resolve("x")));
    }

    @Test
    void staleTemporaryFromACrashIsReplaced() throws Exception {
        DirectoryStateFiles state = new DirectoryStateFiles(dir);
        state.replace("slot", "old".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("slot.tmp"), "half-written garbage from a crash, longer than the new bytes");
        Command.run("chmod", "666", dir.resolve("slot.tmp").toString()).check();
        assertEquals("old", new String(state.read("slot").orElseThrow(), StandardCharsets.UTF_8));
        state.replace("slot", "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(dir.resolve("slot")));
        assertEquals("600", mode(dir.resolve("slot")));
        assertTrue(Files.notExists(dir.resolve("slot.tmp")));
    }

    @Test
    void onlyPlainNames() throws Exception {
        DirectoryStateFiles state = new DirectoryStateFiles(dir);
        for (String name : List.of("", "../x", "a/b", ".hidden", "-x", "x.tmp", "agent.lock", "a b", "x".repeat(129))) {
            assertThrows(IllegalArgumentException.class, () -> state.replace(name, new byte[0]), name);
            assertThrows(IllegalArgumentException.class, () -> state.read(name), name);
        }
        try (var names = Files.list(dir)) {
            assertEquals(0, names.count());
        }
    }

    /**
     * A child JVM replaces the file in a loop and is killed with SIGKILL at a random moment, ten times: the file
     * then always holds one whole generation, never a mix or a truncation, and a new writer carries on past the
     * stale temporary the kill may leave (here, about a third of the kills landed mid-write and left one).
     */
    @Test
    void killedWhileReplacingLeavesOldOrNew() throws Exception {
        Random random = new Random(42);
        long last = 0;
        for (int round = 0; round < 10; round++) {
            try (ChildJvm child = ChildJvm.start(StateReplaceLoopMain.class, dir.toString())) {
                child.expectLine("started");
                TimeUnit.MILLISECONDS.sleep(random.nextInt(150));
                child.kill();
            }
            long generation = StateReplaceLoopMain.generationOf(Files.readAllBytes(dir.resolve("state")));
            assertTrue(generation > last, "round " + round + ": generation " + generation + " after " + last);
            last = generation;
        }
    }
}
