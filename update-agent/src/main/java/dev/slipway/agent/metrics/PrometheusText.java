package dev.slipway.agent.metrics;

/**
 * Writes a {@link MetricsSnapshot} in Prometheus's text exposition format, version 0.0.4: for each metric a
 * {@code # HELP} and a {@code # TYPE} line, then its samples; label values escape backslash, double quote
 * and newline, HELP text backslash and newline. The metrics are listed in docs/agent-reporting.md.
 */
public final class PrometheusText {

    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    /** The exposition of {@code s}, ending with a newline. */
    public static String render(MetricsSnapshot s) {
        StringBuilder out = new StringBuilder(2048);
        family(out, "slipway_agent_state", "gauge",
                "The agent's state: 1 for the current one, 0 for the others.");
        for (String state : MetricsSnapshot.STATES) {
            sample(out, "slipway_agent_state", "state", state, state.equals(s.state()) ? 1 : 0);
        }
        if (!MetricsSnapshot.STATES.contains(s.state())) {
            sample(out, "slipway_agent_state", "state", s.state(), 1);
        }
        family(out, "slipway_agent_info", "gauge", "The running version and slot; always 1.");
        out.append("slipway_agent_info{version=\"").append(escapeLabelValue(s.version()))
                .append("\",slot=\"").append(escapeLabelValue(s.slot())).append("\"} 1\n");
        gauge(out, "slipway_agent_last_check_timestamp_seconds",
                "When the agent last asked the update repository, in Unix seconds; 0: never.",
                s.lastCheckEpochSeconds());
        gauge(out, "slipway_agent_last_success_timestamp_seconds",
                "When a check of the update repository last succeeded, in Unix seconds; 0: never.",
                s.lastSuccessEpochSeconds());
        counter(out, "slipway_agent_bytes_downloaded_total", "Bytes of update payload downloaded.",
                s.bytesDownloaded());
        counter(out, "slipway_agent_updates_applied_total", "Updates staged, booted and confirmed good.",
                s.updatesApplied());
        counter(out, "slipway_agent_rollbacks_total", "Updates that failed after reboot and were rolled back.",
                s.rollbacks());
        counter(out, "slipway_agent_verification_failures_total",
                "Downloads refused because a signature, digest or dm-verity check failed.", s.verificationFailures());
        gauge(out, "slipway_agent_paused", "1 while the operator has paused updates, else 0.", s.paused() ? 1 : 0);
        return out.toString();
    }

    /** A label value with backslash, double quote and newline escaped. */
    static String escapeLabelValue(String value) {
        return escape(value, true);
    }

    /** HELP text with backslash and newline escaped. */
    static String escapeHelp(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean quote) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quote ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String value, long number) {
        out.append(name).append('{').append(label).append("=\"").append(escapeLabelValue(value)).append("\"} ")
                .append(number).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        family(out, name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        family(out, name, "counter", help);
        out.append(name).append(' ').append(value).append('\n');
    }
}
