package dev.slipway.agent.kvp;

import static dev.slipway.agent.kvp.KvpTool.RECORD;
import static dev.slipway.agent.kvp.KvpTool.assertRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool shared with other writers, checked byte by byte at each record's offset (record i at i * 2560)
 * and read back by the C referee, which uses the daemon's struct and lock.
 */
class KvpPoolInteropTest {

    static final String CLOUD_INIT_KEY = "CLOUD_INIT|1732000000|diagnostic|provisioning|5b1e";
    static final String CLOUD_INIT_VALUE = "{\"msg\":\"Ready to report\",\"result\":\"SUCCESS\"}";
    static final String AZURE_KEY = "PROVISIONING_REPORT";
    static final String AZURE_VALUE = "result=success|agent=Azure-Init/1.0|note=caf\u00e9";

    @TempDir
    Path dir;

    private Path foreignPool() throws IOException {
        Path pool = dir.resolve(".kvp_pool_1");
        KvpTool.append(pool, CLOUD_INIT_KEY, CLOUD_INIT_VALUE, AZURE_KEY, AZURE_VALUE);
        return pool;
    }

    @Test
    void newKeysAreAppendedAndKeysPresentAreUpdatedInPlaceLeavingForeignRecordsUntouched() throws IOException {
        Path file = foreignPool();
        byte[] foreign = Files.readAllBytes(file);
        assertEquals(2 * RECORD, foreign.length);
        KvpPool pool = new KvpPool(file, false);

        Map<String, String> first = new LinkedHashMap<>();
        first.put("SlipwayState", "downloading");
        first.put("SlipwayVersion", "2026.11.0");
        pool.put(first);

        byte[] afterFirst = Files.readAllBytes(file);
        assertEquals(4 * RECORD, afterFirst.length);
        assertArrayEquals(foreign, Arrays.copyOf(afterFirst, 2 * RECORD), "the foreign records, byte for byte");
        assertRecord(afterFirst, 2, "SlipwayState", "downloading");
        assertRecord(afterFirst, 3, "SlipwayVersion", "2026.11.0");

        Map<String, String> second = new LinkedHashMap<>();
        second.put("SlipwayState", "good"); // shorter: the old value's tail must be zeroed
        second.put("SlipwayTargetVersion", "2026.12.0");
        pool.put(second);

        byte[] afterSecond = Files.readAllBytes(file);
        assertEquals(5 * RECORD, afterSecond.length);
        assertArrayEquals(foreign, Arrays.copyOf(afterSecond, 2 * RECORD), "the foreign records, byte for byte");
        assertRecord(afterSecond, 0, CLOUD_INIT_KEY, CLOUD_INIT_VALUE);
        assertRecord(afterSecond, 1, AZURE_KEY, AZURE_VALUE);
        assertRecord(afterSecond, 2, "SlipwayState", "good");
        assertArrayEquals(KvpTool.record(afterFirst, 3), KvpTool.record(afterSecond, 3), "an untouched own record");
        assertRecord(afterSecond, 4, "SlipwayTargetVersion", "2026.12.0");

        assertEquals(List.of(
                "0\t" + CLOUD_INIT_KEY + "\t" + CLOUD_INIT_VALUE,
                "1\t" + AZURE_KEY + "\tresult=success|agent=Azure-Init/1.0|note=caf\\xc3\\xa9",
                "2\tSlipwayState\tgood",
                "3\tSlipwayVersion\t2026.11.0",
                "4\tSlipwayTargetVersion\t2026.12.0"), KvpTool.dump(file), "what the C reader sees");
        assertEquals(List.of(CLOUD_INIT_KEY, AZURE_KEY, "SlipwayState", "SlipwayVersion", "SlipwayTargetVersion"),
                List.copyOf(pool.read().keySet()));
        assertEquals(AZURE_VALUE, pool.read().get(AZURE_KEY));
    }

    @Test
    void anUpdateRewritesOnlyTheValueFieldKeepingBytesAnotherWriterLeftInTheKeyField() throws IOException {
        Path file = foreignPool();
        // hv_kvp_daemon memcpy()s a shorter value over a longer one, leaving the old tail after the NUL.
        byte[] leftover = new byte[RECORD];
        byte[] key = "SlipwayState\0stale-tail".getBytes(StandardCharsets.UTF_8);
        byte[] value = "idle\0ing-and-more".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(key, 0, leftover, 0, key.length);
        System.arraycopy(value, 0, leftover, 512, value.length);
        Files.write(file, leftover, java.nio.file.StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(file);

        new KvpPool(file, false).put(Map.of("SlipwayState", "checking"));

        byte[] after = Files.readAllBytes(file);
        assertEquals(3 * RECORD, after.length, "an update, not an append");
        assertArrayEquals(Arrays.copyOf(before, 2 * RECORD + 512), Arrays.copyOf(after, 2 * RECORD + 512),
                "everything before the value field, the key field's leftovers included");
        assertArrayEquals(KvpTool.field("checking", 2048), Arrays.copyOfRange(after, 2 * RECORD + 512, 3 * RECORD));
        assertEquals("2\tSlipwayState\tchecking", KvpTool.dump(file).get(2));
    }

    @Test
    void everyRecordOfADuplicatedKeyIsUpdatedAndReadGivesTheFirst() throws IOException {
        Path file = dir.resolve("pool");
        KvpTool.append(file, "SlipwayState", "idle", AZURE_KEY, AZURE_VALUE, "SlipwayState", "failed");
        KvpPool pool = new KvpPool(file, false);
        assertEquals("idle", pool.read().get("SlipwayState"), "the first record, as the daemon's get answers");

        pool.put(Map.of("SlipwayState", "staged"));

        assertEquals(List.of("0\tSlipwayState\tstaged", "1\t" + AZURE_KEY
                + "\tresult=success|agent=Azure-Init/1.0|note=caf\\xc3\\xa9", "2\tSlipwayState\tstaged"),
                KvpTool.dump(file));
    }

    @Test
    void removeDropsOnlyTheNamedRecordsAndMovesLaterOnesUpAsTheDaemonDoes() throws IOException {
        Path file = dir.resolve("pool");
        KvpTool.append(file, CLOUD_INIT_KEY, CLOUD_INIT_VALUE, "SlipwayState", "good", AZURE_KEY, AZURE_VALUE,
                "SlipwaySlot", "B");
        byte[] before = Files.readAllBytes(file);

        assertEquals(2, new KvpPool(file, false).remove(List.of("SlipwayState", "SlipwaySlot", "NotThere")));

        byte[] after = Files.readAllBytes(file);
        assertEquals(2 * RECORD, after.length);
        assertArrayEquals(KvpTool.record(before, 0), KvpTool.record(after, 0));
        assertArrayEquals(KvpTool.record(before, 2), KvpTool.record(after, 1));
        assertEquals(2, KvpTool.dump(file).size());
        assertEquals(0, new KvpPool(file, false).remove(List.of("SlipwayState")));
    }
}
