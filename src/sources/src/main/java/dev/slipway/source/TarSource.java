package dev.slipway.source;

import dev.slipway.tree.FileTree;
import dev.slipway.tree.TreeBuilder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a tarball into a tree: every entry goes through {@link TarEntries} into a
 * {@link TreeBuilder}, which refuses anything extraction could be tricked by, including an entry
 * that changes the type of an earlier one. File contents go into one {@link Spool} file. Nothing
 * else is written anywhere.
 */
final class TarSource {

    private TarSource() {
    }

    static LoadedTree read(Path archive, SourceOptions options) throws IOException {
        return LoadedTree.spooling(options.spoolDirectory(), spoolFile -> {
            try (InputStream file = Files.newInputStream(archive);
                    BufferedInputStream buffered = new BufferedInputStream(file, 1 << 16)) {
                Compression compression = Compression.detect(buffered);
                InputStream tar;
                try {
                    tar = compression.open(buffered);
                } catch (Compression.CompressedDataException e) {
                    throw new CorruptArchiveException(null, "the archive is damaged: " + e.getMessage()
                            + "; download it again", e);
                }
                FileTree tree;
                try (TarReader reader = new TarReader(tar); Spool spool = new Spool(spoolFile)) {
                    tree = readAll(reader, spool, options);
                }
                return new LoadedTree(tree, spoolFile, compression.description());
            }
        });
    }

    private static FileTree readAll(TarReader reader, Spool spool, SourceOptions options) throws IOException {
        TreeBuilder builder = new TreeBuilder(options.clampTo());
        TarEntries entries = new TarEntries(reader, spool, options.warnings());
        TarEntries.Target target = TarEntries.Target.of(builder);
        for (TarReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
            entries.add(entry, target);
        }
        return builder.build();
    }
}
