package dev.slipway.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.TreeBuilder;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads an OCI image layout (image-spec v1.0 and v1.1: a directory with {@code oci-layout},
 * {@code index.json} and {@code blobs/}) into one tree: the image {@link ImageIndex} selects, its
 * layers applied bottom first by {@link LayerApplier}, every layer's file contents in one spool file.
 *
 * <p>Every blob is checked against its descriptor's size and digest. The index, manifest and
 * config are small: each is read whole and verified before it is parsed, so an unverified byte
 * never decides anything. A layer is verified as it streams, once: its compressed bytes against
 * the manifest's digest, its uncompressed tar stream against the config's {@code diff_id}. A
 * mismatch fails the whole read, so a tree built from a bad layer is never returned; and when a
 * layer cannot even be parsed, its digest is checked first, so that damage is reported as damage.
 */
final class OciLayout {

    /** The file that marks a directory as an OCI layout. */
    static final String MARKER = "oci-layout";
    private static final String INDEX = "index.json";
    private static final int MAX_MARKER_BYTES = 1 << 16;

    private OciLayout() {
    }

    /** Whether {@code directory} holds an OCI layout: it has an {@code oci-layout} file (of any kind; reading checks it). */
    static boolean isLayout(Path directory) {
        return Files.exists(directory.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    static LoadedTree read(Path layout, SourceOptions options) throws IOException {
        checkVersion(layout);
        JsonNode index = OciJson.parse(readSmallFile(layout, INDEX, Blobs.MAX_JSON_BYTES), INDEX, INDEX);
        Blobs blobs = new Blobs(layout);
        Descriptor manifestDescriptor = new ImageIndex(blobs).select(index, options.reference());
        ImageManifest image = ImageManifest.read(blobs, manifestDescriptor);
        String description = "OCI image " + (options.reference() == null ? "" : "'" + Digest.shown(options.reference()) + "' ")
                + "(" + manifestDescriptor.digest().abbreviated() + ", " + image.layers().size() + " layer"
                + (image.layers().size() == 1 ? "" : "s") + ")";
        return LoadedTree.spooling(options.spoolDirectory(), spoolFile -> {
            TreeBuilder builder = new TreeBuilder(options.clampTo());
            try (Spool spool = new Spool(spoolFile)) {
                for (ImageManifest.Layer layer : image.layers()) {
                    apply(blobs, layer, builder, spool, options.warnings());
                }
            }
            FileTree tree = builder.build();
            return new LoadedTree(tree, spoolFile, description, manifestDescriptor.digest().toString());
        });
    }

    private static void checkVersion(Path layout) throws IOException {
        JsonNode marker = OciJson.parse(readSmallFile(layout, MARKER, MAX_MARKER_BYTES), MARKER, MARKER);
        String version = OciJson.text(marker, "imageLayoutVersion", MARKER, MARKER);
        if (!version.equals("1.0.0")) {
            throw new InvalidImageException(MARKER, "the oci-layout file of " + layout + " has imageLayoutVersion '"
                    + Digest.shown(version) + "'; Slipway reads version 1.0.0, the one image-spec v1.0 and v1.1 define");
        }
    }

    private static byte[] readSmallFile(Path layout, String name, int limit) throws IOException {
        Path file = layout.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new InvalidImageException(name, "the " + name + " file of " + layout + " is missing or is not a"
                    + " regular file, so this is no complete OCI image layout: copy or pull the image again");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new InvalidImageException(name, name + " is larger than " + limit + " bytes, which no OCI"
                        + " layout needs; refusing it");
            }
            return bytes;
        }
    }

    /** Streams one layer into the tree, checking its digest, size and diff_id in the same pass. */
    private static void apply(Blobs blobs, ImageManifest.Layer layer, TreeBuilder builder, Spool spool,
            Consumer<String> warnings) throws IOException {
        String what = layer.label();
        try (DigestingInputStream blob = blobs.open(layer.blob(), what)) {
            Digest uncompressed;
            try {
                uncompressed = read(layer, blob, builder, spool, warnings);
            } catch (Spool.WriteException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw refusal(e, blob, layer);
            }
            Blobs.verify(layer.blob(), what, blob);
            if (!uncompressed.equals(layer.diffId())) {
                String name = layer.blob().digest().blobPath();
                throw new InvalidImageException(name, what + " (" + name + ") uncompresses to " + uncompressed
                        + ", but the config's diff_id for it is " + layer.diffId() + "; the config does not describe"
                        + " this layer, so the image is inconsistent: rebuild it, or copy or pull it again");
            }
        }
    }

    /** Applies the layer, reading the blob to its end; returns the digest of the uncompressed tar stream. */
    private static Digest read(ImageManifest.Layer layer, DigestingInputStream blob, TreeBuilder builder, Spool spool,
            Consumer<String> warnings) throws IOException {
        // The decompressor's close must not close the blob, which is still to be drained and checked.
        InputStream shielded = new FilterInputStream(blob) {
            @Override
            public void close() {
            }
        };
        BufferedInputStream buffered = new BufferedInputStream(shielded, 1 << 16);
        checkCompression(layer, buffered);
        try (InputStream decompressed = layer.compression().open(buffered)) {
            DigestingInputStream tar = new DigestingInputStream(decompressed, layer.diffId().algorithm());
            LayerApplier.apply(builder, new TarReader(tar), spool, warnings);
            tar.drain();
            blob.drain();
            return tar.digest();
        }
    }

    /**
     * What to report when reading a layer failed: if the blob does not match its digest, that (the
     * failure was damage); otherwise the failure itself, naming the layer.
     */
    private static IOException refusal(Exception e, DigestingInputStream blob, ImageManifest.Layer layer) {
        try {
            blob.drain();
            Blobs.verify(layer.blob(), layer.label(), blob);
        } catch (InvalidImageException mismatch) {
            mismatch.addSuppressed(e);
            return mismatch;
        } catch (IOException unreadable) {
            e.addSuppressed(unreadable);
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        String where = layer.label() + ", " + layer.blob().digest().blobPath();
        if (e instanceof InvalidEntryException invalid) {
            InvalidEntryException named = new InvalidEntryException(invalid.entry(), invalid.reason() + " (in " + where + ")");
            named.initCause(e);
            return named;
        }
        if (e instanceof InvalidImageException image) {
            return image;
        }
        return new InvalidImageException(layer.blob().digest().blobPath(), where + " cannot be read as a tar stream"
                + " although it matches its digest, so the image was published damaged: rebuild it (" + e.getMessage()
                + ")", e);
    }

    /** Compressed layers must start as their media type says; an uncompressed one is read as tar whatever it holds. */
    private static void checkCompression(ImageManifest.Layer layer, BufferedInputStream in) throws IOException {
        if (layer.compression() == Compression.NONE) {
            return;
        }
        Compression found = Compression.detect(in);
        if (found != layer.compression()) {
            String name = layer.blob().digest().blobPath();
            throw new InvalidImageException(name, layer.label() + " (" + name + ") has the media type "
                    + layer.blob().mediaType() + " but its data is " + (found == Compression.NONE
                            ? "not compressed that way" : "a " + found.description())
                    + "; refusing the contradiction: fix the image's manifest, or rebuild the image");
        }
    }
}
