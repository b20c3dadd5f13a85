package dev.slipway.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads image profiles: a TOML file, the chain of files it {@code extends}, checked against the
 * schema and merged (docs/profiles.md has the format and the merge rules).
 */
public final class Profiles {

    /** The suffix of a profile's checked-in resolved form: base.toml resolves to base.resolved.toml. */
    public static final String RESOLVED_SUFFIX = ".resolved.toml";

    private Profiles() {
    }

    /** Where a profile's checked-in resolved form lives: beside it, as NAME.resolved.toml. */
    public static Path resolvedFileFor(Path profile) {
        String name = profile.getFileName().toString();
        String stem = name.endsWith(".toml") ? name.substring(0, name.length() - ".toml".length()) : name;
        return profile.resolveSibling(stem + RESOLVED_SUFFIX);
    }

    /** Whether a file is a resolved form rather than a profile someone writes. */
    public static boolean isResolvedForm(Path file) {
        return file.getFileName().toString().endsWith(RESOLVED_SUFFIX);
    }

    /**
     * Resolves the profile at {@code profile} and its chain.
     *
     * @throws ProfileException a problem in a profile: syntax, unknown key, wrong type, invalid
     *                          value, missing key, an {@code extends} cycle or missing target, a
     *                          list edit that does not fit. It names the file and line
     * @throws IOException      the profile or a chain file cannot be read
     */
    public static ResolvedProfile resolve(Path profile) throws ProfileException, IOException {
        List<Layer> layers = ChainLoader.load(profile);
        Merged merged = Merger.merge(layers);
        List<SourceFile> files = layers.stream().map(Layer::file).toList();
        SourceFile leaf = files.getLast();
        List<Path> chain = files.stream().map(SourceFile::absolute).toList();
        return new ResolvedProfile(leaf.absolute(), chain, ProfileBinder.bind(merged),
                ResolvedWriter.render(merged, chain, leaf.directory()), Digests.profileDigest(files, leaf.directory()));
    }
}
