package dev.slipway.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Where nodes stand in a rollout, and how many may update when. */
class WavesTest {

    private static final long DAY = 86_400;
    private static final long START = 1_767_225_600L;

    @Test
    void placeIsTheFirst8BytesOfTheDigestAsComputedByPython() throws IOException {
        String script = "import hashlib,sys\n"
                + "d=hashlib.sha256(b'slipway-wave\\0stable\\0' + b'0.2.0\\0' + b'0123456789abcdef0123456789abcdef').digest()\n"
                + "print(repr((int.from_bytes(d[:8],'big') >> 11) / 2**53))";
        String python = Command.run("python3", "-c", script).check().out().trim();
        assertEquals(Double.parseDouble(python), Waves.place("0123456789abcdef0123456789abcdef", "stable", "0.2.0"));
    }

    @Test
    void placeIsStableAndInTheUnitInterval() {
        double place = Waves.place("machine-a", "stable", "0.2.0");
        assertEquals(place, Waves.place("machine-a", "stable", "0.2.0"));
        assertTrue(place >= 0 && place < 1, "place " + place);
        assertNotEquals(place, Waves.place("machine-a", "beta", "0.2.0"), "the channel is part of the place");
    }

    @Test
    void placesAreSpreadEvenlyOverTheDeciles() {
        Random random = new Random(42);
        int[] deciles = new int[10];
        for (int i = 0; i < 10_000; i++) {
            deciles[(int) (Waves.place(machineId(random), "stable", "0.2.0") * 10)]++;
        }
        for (int d = 0; d < 10; d++) {
            // 1,000 expected; the standard deviation is 30, so 4 sigma is 120.
            assertTrue(Math.abs(deciles[d] - 1000) < 120, "decile " + d + " holds " + deciles[d]);
        }
    }

    @Test
    void anotherReleaseVersionReordersTheNodes() {
        Random random = new Random(7);
        List<String> first = new ArrayList<>();
        int stayFirst = 0;
        for (int i = 0; i < 10_000; i++) {
            String id = machineId(random);
            if (Waves.place(id, "stable", "0.2.0") < 0.1) {
                first.add(id);
                if (Waves.place(id, "stable", "0.3.0") < 0.1) {
                    stayFirst++;
                }
            }
        }
        // About 10% of the first wave of 0.2.0 is in the first wave of 0.3.0: independent draws.
        assertTrue(first.size() > 850 && first.size() < 1150, "first wave " + first.size());
        assertTrue(stayFirst < first.size() * 0.16, stayFirst + " of " + first.size() + " stayed in the first wave");
    }

    @Test
    void allowedPercentFollowsTheWaves() {
        ChannelMetadata metadata = withWaves(List.of(new ChannelMetadata.Wave(START, 5),
                new ChannelMetadata.Wave(START + DAY, 30), new ChannelMetadata.Wave(START + 3 * DAY, 100)));
        assertEquals(0, metadata.allowedPercent(Instant.ofEpochSecond(START - 1)));
        assertEquals(5, metadata.allowedPercent(Instant.ofEpochSecond(START)));
        assertEquals(5, metadata.allowedPercent(Instant.ofEpochSecond(START + DAY - 1)));
        assertEquals(30, metadata.allowedPercent(Instant.ofEpochSecond(START + DAY)));
        assertEquals(30, metadata.allowedPercent(Instant.ofEpochSecond(START + 2 * DAY)));
        assertEquals(100, metadata.allowedPercent(Instant.ofEpochSecond(START + 3 * DAY)));
        assertEquals(100, withWaves(List.of()).allowedPercent(Instant.EPOCH), "no waves: everyone at once");
        assertEquals(50, withWaves(List.of(new ChannelMetadata.Wave(START, 50)))
                .allowedPercent(Instant.ofEpochSecond(START + 100 * DAY)), "a plan may hold below 100");
    }

    @Test
    void mayUpdateLetsInAboutTheWavesShareAndKeepsThemIn() {
        ChannelMetadata metadata = withWaves(List.of(new ChannelMetadata.Wave(START, 20),
                new ChannelMetadata.Wave(START + DAY, 100)));
        Random random = new Random(3);
        int before = 0;
        int first = 0;
        int all = 0;
        for (int i = 0; i < 10_000; i++) {
            String id = machineId(random);
            boolean early = metadata.mayUpdate(id, Instant.ofEpochSecond(START));
            before += metadata.mayUpdate(id, Instant.ofEpochSecond(START - 1)) ? 1 : 0;
            first += early ? 1 : 0;
            boolean later = metadata.mayUpdate(id, Instant.ofEpochSecond(START + DAY));
            all += later ? 1 : 0;
            assertFalse(early && !later, "a node let in stays in");
            assertEquals(Waves.place(id, "stable", "0.2.0") < 0.2, early);
        }
        assertEquals(0, before);
        assertTrue(first > 1850 && first < 2150, "first wave " + first);
        assertEquals(10_000, all);
    }

    private static ChannelMetadata withWaves(List<ChannelMetadata.Wave> waves) {
        return new ChannelMetadata(1, "stable", 1, START - DAY, START + 30 * DAY, ChannelMetadataJsonTest.RELEASE,
                waves);
    }

    /** A systemd machine-id: 32 lowercase hex digits. */
    private static String machineId(Random random) {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }
}
