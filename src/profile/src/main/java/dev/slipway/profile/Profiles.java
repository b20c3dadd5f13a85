package dev.slipway.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads image profiles: a TOML file, the chain of files it {@code extends}, checked against the
 * schema and merged (docs/profiles.md has the format and the merge rules).
 */
public final class Profiles {

    private Profiles() {
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
