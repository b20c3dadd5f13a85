package dev.slipway.build;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a composition was made from, for build.json: the source kind, its parameters as the
 * resolved profile gives them, and digests that pin its bytes.
 */
public record SourceRecord(String kind, Map<String, Object> parameters, Map<String, String> digests) {

    public SourceRecord {
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
        digests = java.util.Collections.unmodifiableMap(new TreeMap<>(digests));
    }
}
