package dev.slipway.agent.kvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status records operators read, as the C referee sees them beside another agent's record. */
class KvpReporterTest {

    @TempDir
    Path dir;

    @Test
    void aStatusBecomesSixRecordsWithStableKeysThatLaterReportsUpdateInPlace() throws IOException {
        Path file = dir.resolve(".kvp_pool_1");
        KvpTool.append(file, "PROVISIONING_REPORT", "result=success");
        byte[] foreign = Files.readAllBytes(file);
        KvpReporter reporter = new KvpReporter(new KvpPool(file, false));

        reporter.report(new KvpStatus("downloading", "2026.11.0", "A", "2026.12.0", List.of(),
                Instant.parse("2026-11-23T10:15:30.123456789Z")));
        assertEquals(List.of(
                "0\tPROVISIONING_REPORT\tresult=success",
                "1\tSlipwayState\tdownloading",
                "2\tSlipwayVersion\t2026.11.0",
                "3\tSlipwaySlot\tA",
                "4\tSlipwayTargetVersion\t2026.12.0",
                "5\tSlipwayRolledBack\t",
                "6\tSlipwayUpdated\t2026-11-23T10:15:30Z"), KvpTool.dump(file));

        reporter.report(new KvpStatus("rolled-back", "2026.11.0", "A", null, List.of("2026.12.0"),
                Instant.parse("2026-11-24T08:00:00Z")));
        assertEquals(List.of(
                "0\tPROVISIONING_REPORT\tresult=success",
                "1\tSlipwayState\trolled-back",
                "2\tSlipwayVersion\t2026.11.0",
                "3\tSlipwaySlot\tA",
                "4\tSlipwayTargetVersion\t",
                "5\tSlipwayRolledBack\t2026.12.0",
                "6\tSlipwayUpdated\t2026-11-24T08:00:00Z"), KvpTool.dump(file));
        assertArrayEquals(foreign, Arrays.copyOf(Files.readAllBytes(file), foreign.length));

        assertEquals(6, reporter.withdraw());
        assertEquals(List.of("0\tPROVISIONING_REPORT\tresult=success"), KvpTool.dump(file));
    }

    @Test
    void aLongRollbackHistoryKeepsTheNewestWholeVersionsWithinAzuresValueSize() {
        List<String> versions = IntStream.range(0, 200).mapToObj(i -> "2026.11." + i).toList();
        String value = KvpReporter.records(new KvpStatus("good", "2026.11.199", "B", "", versions,
                Instant.EPOCH)).get(KvpReporter.ROLLED_BACK);

        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= 1022 && bytes > 1022 - "2026.11.100,".length(), bytes + " bytes");
        List<String> kept = List.of(value.split(","));
        assertEquals(versions.subList(versions.size() - kept.size(), versions.size()), kept,
                "the newest versions, whole, oldest first");
    }

    @Test
    void aVersionThatWouldBreakTheCommaSeparatedListIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KvpStatus("good",
                "1", "A", "", List.of("1,2"), Instant.EPOCH));
        assertTrue(e.getMessage().contains("comma"), e.getMessage());
    }
}
