package dev.slipway.build;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lock ({@code OUT/lock}): every input of a build pinned by digest. For a Debian composition,
 * each installed package's version and .deb SHA-256; for a tarball, OCI layout or directory, the
 * source's digests. {@code slipway build --locked LOCK} composes from exactly these inputs or stops.
 */
@JsonPropertyOrder({"format", "source", "packages"})
public record PackageLock(@JsonProperty("format") int format, @JsonProperty("source") SourceRecord source,
                          @JsonProperty("packages") List<DebianPackage> packages) {

    public static final int FORMAT = 1;
    public static final String FILE_NAME = "lock";

    public PackageLock {
        Objects.requireNonNull(source, "source");
        packages = List.copyOf(packages);
    }

    static PackageLock of(Composition composition) {
        return new PackageLock(FORMAT, composition.source(), composition.packages());
    }

    /**
     * How {@code other} differs from this lock, one line per difference ("libc6 2.36-9 -> 2.36-10"),
     * empty when they pin the same inputs.
     */
    List<String> differences(PackageLock other) {
        List<String> lines = new ArrayList<>();
        if (!source.kind().equals(other.source.kind())) {
            lines.add("source kind " + source.kind() + " -> " + other.source.kind());
            return lines;
        }
        if (!source.kind().equals("debian") && !source.digests().equals(other.source.digests())) {
            lines.add("source digests " + source.digests() + " -> " + other.source.digests());
        }
        Map<String, DebianPackage> mine = byName(packages);
        Map<String, DebianPackage> theirs = byName(other.packages);
        for (var entry : mine.entrySet()) {
            DebianPackage after = theirs.get(entry.getKey());
            DebianPackage before = entry.getValue();
            if (after == null) {
                lines.add(entry.getKey() + " " + before.version() + " -> (not installed)");
            } else if (!after.version().equals(before.version())) {
                lines.add(entry.getKey() + " " + before.version() + " -> " + after.version());
            } else if (!after.sha256().equals(before.sha256())) {
                lines.add(entry.getKey() + " " + before.version() + ": .deb digest " + before.sha256() + " -> "
                        + after.sha256());
            }
        }
        for (var entry : theirs.entrySet()) {
            if (!mine.containsKey(entry.getKey())) {
                lines.add(entry.getKey() + " (not installed) -> " + entry.getValue().version());
            }
        }
        return lines;
    }

    /** By "name:architecture", sorted, so differences are listed in a stable order. */
    private static Map<String, DebianPackage> byName(List<DebianPackage> packages) {
        Map<String, DebianPackage> map = new TreeMap<>();
        packages.forEach(p -> map.put(p.name() + ":" + p.architecture(), p));
        return map;
    }
}
