package dev.slipway.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** What a build wrote, what build.json says, and how long each step took. */
public record BuildResult(Path usrImage, Path buildRecordFile, BuildRecord record, Map<BuildStep, Duration> durations) {

    public BuildResult {
        durations = Collections.unmodifiableMap(new EnumMap<>(durations));
    }
}
