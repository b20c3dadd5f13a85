package dev.slipway.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a build wrote (usr.img, the disk files), what build.json says, and how long each step took. */
public record BuildResult(Path usrImage, List<Path> diskFiles, Path buildRecordFile, BuildRecord record,
                          Map<BuildStep, Duration> durations) {

    public BuildResult {
        diskFiles = List.copyOf(diskFiles);
        durations = Collections.unmodifiableMap(new EnumMap<>(durations));
    }
}
