package dev.slipway.cli;

import dev.slipway.repository.ChannelMetadata;
import dev.slipway.repository.RepositoryLayout;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Channel metadata for people and for {@code --json}: times as UTC ISO-8601, the share of nodes
 * the waves let in now.
 *
 * @param allowedPercentNow the share of nodes that may run the release at the time of the report
 */
record ChannelReport(String channel, String file, long version, String issued, String expires, boolean expired,
                     ChannelMetadata.Release release, List<WaveReport> waves, int allowedPercentNow) {

    record WaveReport(String start, int percent) {
    }

    static ChannelReport of(ChannelMetadata metadata, Instant now) {
        return new ChannelReport(metadata.channel(), RepositoryLayout.channel(metadata.channel()), metadata.version(),
                metadata.issuedAt().toString(), metadata.expiresAt().toString(), !now.isBefore(metadata.expiresAt()),
                metadata.release(), metadata.waves().stream()
                        .map(w -> new WaveReport(Instant.ofEpochSecond(w.start()).toString(), w.percent())).toList(),
                metadata.allowedPercent(now));
    }

    /** The report as indented lines. */
    void print(PrintWriter out, Instant now) {
        ChannelMetadata.Release r = release;
        out.printf("channel %s: metadata version %d, issued %s%n", channel, version, issued);
        Duration left = Duration.between(now, Instant.parse(expires));
        out.printf("  expires %s (%s)%n", expires, expired ? "EXPIRED: nodes refuse it; run `slipway channel refresh`"
                : "in " + Durations.format(left));
        out.printf("  release %s %s (%s, security version %d) in %s%n", r.image(), r.version(), r.compatibility(),
                r.securityVersion(), r.path());
        out.printf("  manifest %d bytes, SHA-256 %s%n", r.manifestSize(), r.manifestSha256());
        if (waves.isEmpty()) {
            out.println("  waves: none, every node at once");
        } else {
            out.printf("  waves: %s; %d%% of nodes now%n", String.join(", ",
                    waves.stream().map(w -> w.percent() + "% from " + w.start()).toList()), allowedPercentNow);
        }
    }
}
