package dev.slipway.disk;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@link HoleFinder} for a forked JVM: the extents come from the system property
 * {@code slipway.extents} ("offset:length,..."), as the parent test knows them.
 */
public final class ListedExtents implements HoleFinder {

    @Override
    public List<Extent> dataExtents(Path file, long length) {
        ExtentList extents = new ExtentList();
        for (String pair : System.getProperty("slipway.extents", "").split(",")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split(":");
                extents.add(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
        }
        return extents.toList();
    }
}
