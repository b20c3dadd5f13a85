package dev.slipway.build;

import dev.slipway.profile.DebianSource;
import dev.slipway.profile.DirSource;
import dev.slipway.profile.OciSource;
import dev.slipway.profile.Source;
import dev.slipway.profile.TarSource;
import dev.slipway.source.LoadedTree;
import dev.slipway.source.SourceOptions;
import dev.slipway.source.Sources;
import dev.slipway.tree.TreeDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Composes the root tree a profile's source describes. */
final class Composer {

    private Composer() {
    }

    static Composition compose(Source source, ComposeContext context) throws IOException, BuildException {
        return switch (source) {
            case DebianSource debian -> DebianComposer.compose(debian, context);
            case OciSource oci -> open("oci", oci.path(), oci.reference(), context);
            case TarSource tar -> open("tar", tar.path(), null, context);
            case DirSource dir -> open("dir", dir.path(), null, context);
        };
    }

    /** A tree that exists already: read it, and pin it by digest. */
    private static Composition open(String kind, Path path, String reference, ComposeContext context)
            throws IOException, BuildException {
        checkKind(kind, path);
        SourceOptions options = new SourceOptions(context.epoch(), context.workDirectory(), context.listener()::message)
                .withReference(reference);
        LoadedTree loaded = Sources.open(path, options);
        try {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("path", context.profileDirectory().relativize(path.toAbsolutePath()).toString());
            if (reference != null) {
                parameters.put("reference", reference);
            }
            Map<String, String> digests = switch (kind) {
                case "tar" -> Map.of("tar-sha256", FileDigests.sha256(path));
                case "oci" -> Map.of("manifest", loaded.imageDigest().orElseThrow());
                // A directory has no bytes of its own to pin; its listing (names, modes, owners, times,
                // sizes) is what the build saw. The image's own digest covers the contents.
                default -> Map.of("listing-sha256", HexFormat.of().formatHex(TreeDigest.of(loaded.tree())));
            };
            return new Composition(loaded, new SourceRecord(kind, parameters, digests), List.of());
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    private static void checkKind(String kind, Path path) throws BuildException {
        boolean directory = Files.isDirectory(path);
        boolean ociLayout = Files.isRegularFile(path.resolve("oci-layout"));
        String problem = switch (kind) {
            case "dir" -> !directory ? "is not a directory" : ociLayout ? "is an OCI image layout; say kind = \"oci\"" : null;
            case "oci" -> !ociLayout ? "is not an OCI image layout (it has no oci-layout file)" : null;
            default -> !Files.isRegularFile(path) ? "is not a tarball file" : null;
        };
        if (!Files.exists(path)) {
            throw new BuildException("source.path " + path + " does not exist");
        }
        if (problem != null) {
            throw new BuildException("source.path " + path + " " + problem + " (source.kind is \"" + kind + "\")");
        }
    }
}
