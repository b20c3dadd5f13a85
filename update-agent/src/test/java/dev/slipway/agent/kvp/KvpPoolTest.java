package dev.slipway.agent.kvp;

import static dev.slipway.agent.kvp.KvpTool.RECORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, creation and damaged pools; what is accepted is read back by the C referee. */
class KvpPoolTest {

    @TempDir
    Path dir;

    @Test
    void theLongestKeyAndValueThatKeepTheirNulAreAcceptedAndReadWholeByC() throws IOException {
        Path file = dir.resolve("pool");
        String key = "\u00e9".repeat(255) + "k"; // 511 bytes of UTF-8
        String value = "v".repeat(2047);
        new KvpPool(file, true).put(Map.of(key, value));

        byte[] pool = Files.readAllBytes(file);
        assertEquals(RECORD, pool.length);
        KvpTool.assertRecord(pool, 0, key, value);
        assertEquals(0, pool[511], "the key's NUL");
        assertEquals(0, pool[RECORD - 1], "the value's NUL");
        assertEquals("0\t" + "\\xc3\\xa9".repeat(255) + "k\t" + value, KvpTool.dump(file).get(0));
        assertEquals(Map.of(key, value), new KvpPool(file, false).read());
    }

    @Test
    void keysAndValuesAPoolCannotHoldWholeAreRefusedAndNothingIsWritten() throws IOException {
        Path file = dir.resolve("pool");
        KvpTool.append(file, "Other", "kept");
        byte[] before = Files.readAllBytes(file);
        KvpPool pool = new KvpPool(file, false);

        assertRefused(pool, "k".repeat(512), "x", "512 bytes");
        assertRefused(pool, "\u00e9".repeat(256), "x", "512 bytes");
        assertRefused(pool, "Slipway", "v".repeat(2048), "2048 bytes");
        assertRefused(pool, "", "x", "empty");
        assertRefused(pool, "Slip\0way", "x", "NUL");
        assertRefused(pool, "Slipway", "a\0b", "NUL");
        assertRefused(pool, "Slipway", "\ud800", "Unicode");

        assertArrayEquals(before, Files.readAllBytes(file));
    }

    private static void assertRefused(KvpPool pool, String key, String value, String reason) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("SlipwayFine", "ok"); // valid, but must not be written either
        entries.put(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.put(entries));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void aMissingPoolIsCreatedOnlyWhenAskedWithTheDaemonsModes() throws IOException {
        Path file = dir.resolve("hyperv/.kvp_pool_1");

        NoSuchFileException refused = assertThrows(NoSuchFileException.class,
                () -> new KvpPool(file, false).put(Map.of("SlipwayState", "idle")));
        assertTrue(refused.getMessage().contains("hv_kvp_daemon"), refused.getMessage());
        assertFalse(Files.exists(file.getParent()));
        assertEquals(Map.of(), new KvpPool(file, false).read(), "nothing to read");

        new KvpPool(file, true).put(Map.of("SlipwayState", "idle"));

        String modes = Command.run("stat", "-c", "%a %n", file.getParent().toString(), file.toString()).check().out();
        assertEquals(List.of("755 " + file.getParent(), "644 " + file), List.of(modes.strip().split("\n")));
        assertEquals(List.of("0\tSlipwayState\tidle"), KvpTool.dump(file));
    }

    @Test
    void aPoolThatIsNotWholeRecordsIsReadUpToItsLastWholeRecordButNotWritten() throws IOException {
        Path file = dir.resolve("pool");
        KvpTool.append(file, "Other", "kept");
        Files.write(file, new byte[] {'t', 'o', 'r', 'n'}, java.nio.file.StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(file);
        KvpPool pool = new KvpPool(file, false);

        assertEquals(Map.of("Other", "kept"), pool.read());
        IOException e = assertThrows(IOException.class, () -> pool.put(Map.of("SlipwayState", "idle")));
        assertTrue(e.getMessage().contains((RECORD + 4) + " bytes, not a whole number"), e.getMessage());
        assertThrows(IOException.class, () -> pool.remove(List.of("Other")));
        assertArrayEquals(before, Files.readAllBytes(file));
    }
}
