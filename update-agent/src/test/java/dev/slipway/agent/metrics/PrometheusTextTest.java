package dev.slipway.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exposition text, pinned line by line; the referee parser is in {@link MetricsServerTest}. */
class PrometheusTextTest {

    static final MetricsSnapshot SNAPSHOT = new MetricsSnapshot("staged", "B", "2026.11.0", 1763892930L,
            1763892000L, 123456789L, 3, 1, 2, true);

    @Test
    void aSnapshotIsWrittenExactlyLikeThis() {
        assertEquals("""
                # HELP slipway_agent_state The agent's state: 1 for the current one, 0 for the others.
                # TYPE slipway_agent_state gauge
                slipway_agent_state{state="idle"} 0
                slipway_agent_state{state="checking"} 0
                slipway_agent_state{state="downloading"} 0
                slipway_agent_state{state="verifying"} 0
                slipway_agent_state{state="staged"} 1
                slipway_agent_state{state="rebooting"} 0
                slipway_agent_state{state="confirming"} 0
                slipway_agent_state{state="good"} 0
                slipway_agent_state{state="rolled-back"} 0
                slipway_agent_state{state="failed"} 0
                # HELP slipway_agent_info The running version and slot; always 1.
                # TYPE slipway_agent_info gauge
                slipway_agent_info{version="2026.11.0",slot="B"} 1
                # HELP slipway_agent_last_check_timestamp_seconds When the agent last asked the update repository, \
                in Unix seconds; 0: never.
                # TYPE slipway_agent_last_check_timestamp_seconds gauge
                slipway_agent_last_check_timestamp_seconds 1763892930
                # HELP slipway_agent_last_success_timestamp_seconds When a check of the update repository last \
                succeeded, in Unix seconds; 0: never.
                # TYPE slipway_agent_last_success_timestamp_seconds gauge
                slipway_agent_last_success_timestamp_seconds 1763892000
                # HELP slipway_agent_bytes_downloaded_total Bytes of update payload downloaded.
                # TYPE slipway_agent_bytes_downloaded_total counter
                slipway_agent_bytes_downloaded_total 123456789
                # HELP slipway_agent_updates_applied_total Updates staged, booted and confirmed good.
                # TYPE slipway_agent_updates_applied_total counter
                slipway_agent_updates_applied_total 3
                # HELP slipway_agent_rollbacks_total Updates that failed after reboot and were rolled back.
                # TYPE slipway_agent_rollbacks_total counter
                slipway_agent_rollbacks_total 1
                # HELP slipway_agent_verification_failures_total Downloads refused because a signature, digest \
                or dm-verity check failed.
                # TYPE slipway_agent_verification_failures_total counter
                slipway_agent_verification_failures_total 2
                # HELP slipway_agent_paused 1 while the operator has paused updates, else 0.
                # TYPE slipway_agent_paused gauge
                slipway_agent_paused 1
                """, PrometheusText.render(SNAPSHOT));
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndNewlineAndHelpEscapesBackslashAndNewline() {
        assertEquals("a\\\\b\\\"c\\nd\te", PrometheusText.escapeLabelValue("a\\b\"c\nd\te"));
        assertEquals("a\\\\b\"c\\nd", PrometheusText.escapeHelp("a\\b\"c\nd"));
    }

    @Test
    void aStateOutsideTheFixedListIsShownBesideIt() {
        String text = PrometheusText.render(new MetricsSnapshot("pausing", "A", "1", 0, 0, 0, 0, 0, 0, false));
        assertTrue(text.contains("slipway_agent_state{state=\"failed\"} 0\nslipway_agent_state{state=\"pausing\"} 1\n"),
                text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("slipway_agent_state{") && l.endsWith(" 1")).count());
    }

    @Test
    void negativeCountsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new MetricsSnapshot("idle", "A", "1", 0, 0, -1, 0, 0, 0, false));
    }
}
