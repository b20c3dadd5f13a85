package dev.slipway.build;

import dev.slipway.source.LoadedTree;
import dev.slipway.tree.FileTree;
import java.io.IOException;
import java.util.List;

/**
 * A composed root tree, what it was made from and, for Debian sources, the packages in it. Owns
 * the loaded tree's spool file until closed.
 */
record Composition(LoadedTree loaded, SourceRecord source, List<DebianPackage> packages) implements AutoCloseable {

    Composition {
        packages = List.copyOf(packages);
    }

    FileTree tree() {
        return loaded.tree();
    }

    @Override
    public void close() throws IOException {
        loaded.close();
    }
}
