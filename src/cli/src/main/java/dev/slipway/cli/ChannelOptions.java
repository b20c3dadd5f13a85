package dev.slipway.cli;

import dev.slipway.repository.ChannelMetadata;
import dev.slipway.repository.RepositoryLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --repo, --channel, --expires-in and --wave: which channel to sign, for how long, at what pace. */
final class ChannelOptions {

    @Option(names = "--repo", required = true, paramLabel = "DIR",
            description = "The update repository's root directory (static files; created by the first publish).")
    Path repository;

    @Option(names = "--channel", required = true, paramLabel = "NAME",
            description = "The channel, e.g. stable: lowercase letters, digits and . _ -.")
    String channel;

    @Option(names = "--expires-in", paramLabel = "DURATION", defaultValue = "7d",
            description = "How long the channel metadata stays valid; nodes refuse it afterwards, so refresh it"
                + " well before (`slipway channel refresh`). Default: ${DEFAULT-VALUE}.")
    String expiresIn;

    @Option(names = "--wave", paramLabel = "START=PERCENT",
            description = "A rollout wave: from START (an ISO-8601 time such as 2026-03-01T09:00:00Z, `now`, or +2h,"
                + " +3d from now) PERCENT of the nodes may update. Repeat in time order, with percents never falling;"
                + " the last usually 100. None: every node at once (publish), the current waves (refresh).")
    List<String> waves = new ArrayList<>();

    String channel() {
        try {
            return RepositoryLayout.checkChannel(channel);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--channel: " + e.getMessage());
        }
    }

    Duration expiresIn() {
        return Durations.parse("--expires-in", expiresIn);
    }

    /** The waves given, with relative starts counted from {@code now}; null when none were given. */
    List<ChannelMetadata.Wave> waves(Instant now) {
        if (waves.isEmpty()) {
            return null;
        }
        List<ChannelMetadata.Wave> plan = new ArrayList<>();
        for (String wave : waves) {
            ChannelMetadata.Wave parsed = parse(wave, now);
            if (!plan.isEmpty()) {
                ChannelMetadata.Wave previous = plan.getLast();
                if (parsed.start() <= previous.start() || parsed.percent() < previous.percent()) {
                    throw new InvalidInputException("--wave " + wave + " must start after the wave before it ("
                            + Instant.ofEpochSecond(previous.start()) + ") and let in at least its " + previous.percent()
                            + "%: give the waves in time order, with percents never falling");
                }
            }
            plan.add(parsed);
        }
        return plan;
    }

    private static ChannelMetadata.Wave parse(String wave, Instant now) {
        int equals = wave.lastIndexOf('=');
        if (equals < 0) {
            throw new InvalidInputException("--wave " + wave + " is not START=PERCENT, e.g. +2h=10 or"
                    + " 2026-03-01T09:00:00Z=100");
        }
        String start = wave.substring(0, equals).trim();
        String percentText = wave.substring(equals + 1).trim();
        if (percentText.endsWith("%")) {
            percentText = percentText.substring(0, percentText.length() - 1);
        }
        int percent;
        try {
            percent = Integer.parseInt(percentText);
        } catch (NumberFormatException e) {
            percent = -1;
        }
        if (percent < 0 || percent > 100) {
            throw new InvalidInputException("--wave " + wave + ": the percent must be a whole number from 0 to 100");
        }
        Instant at;
        if (start.equals("now")) {
            at = now;
        } else if (start.startsWith("+")) {
            at = now.plus(Durations.parse("--wave", start.substring(1)));
        } else {
            try {
                at = Instant.parse(start);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("--wave " + wave + ": the start must be an ISO-8601 time such as"
                        + " 2026-03-01T09:00:00Z, now, or +DURATION such as +2h");
            }
        }
        return new ChannelMetadata.Wave(at.getEpochSecond(), percent);
    }
}
