package dev.slipway.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings one profile file makes, checked against the schema on their own (names, types,
 * values), before any merging.
 *
 * @param settings by full key path, in file order
 * @param tables   where each table the file has starts, by table path
 */
record Layer(SourceFile file, Map<String, Setting> settings, Map<String, Origin> tables) {

    Layer {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }
}
