package dev.slipway.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The duration syntax: one whole number, one unit; everything else refused with the reason. */
class AgentConfigDurationsTest {

    @Test
    void parsesEachUnit() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ZERO, Durations.parse("0s"));
        assertEquals(Duration.ofDays(999_999_999), Durations.parse("999999999d"));
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("90m", Durations.format(Duration.ofSeconds(5400)));
        assertEquals("36h", Durations.format(Duration.ofHours(36)));
        assertEquals("2d", Durations.format(Duration.ofHours(48)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Durations.format(Duration.ofMillis(1500)));
    }

    @Test
    void formatThenParseIsTheSame() {
        for (long seconds : new long[] {0, 1, 59, 60, 61, 3599, 3600, 86_399, 86_400, 90_000, 31_536_000}) {
            Duration d = Duration.ofSeconds(seconds);
            assertEquals(d, Durations.parse(Durations.format(d)));
        }
    }

    @Test
    void refusesWithAReason() {
        assertRefused("", "it is empty");
        assertRefused("10", "it has no unit");
        assertRefused("10ms", "the unit is not one of s, m, h, d");
        assertRefused("10w", "the unit is not one of s, m, h, d");
        assertRefused("1h30m", "it combines units");
        assertRefused("1 h", "it holds a space");
        assertRefused("1000000000s", "the number is too large");
        assertRefused("1.5h", "it is not of that form");
        assertRefused("-5m", "it is not of that form");
        assertRefused("1H", "it is not of that form");
        assertRefused("PT1H", "it is not of that form");
    }

    private static void assertRefused(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals(why + "; write " + Durations.ALLOWED, e.getMessage());
        assertTrue(e.getMessage().contains("\"90s\""));
    }
}
