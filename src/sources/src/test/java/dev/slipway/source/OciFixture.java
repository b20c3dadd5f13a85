package dev.slipway.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes OCI image layouts for tests, by hand: layers are tar streams (from GNU tar, or crafted
 * with {@link RawTar}), the JSON is written here, and every digest is computed here, so each test
 * can make exactly the layout, honest or not, that it needs.
 */
final class OciFixture {

    static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    /** A blob in the layout and the descriptor fields that point to it. */
    record Blob(String mediaType, String digest, long size, Path file) {

        /** A descriptor, with any extra members ({@code "platform": {...}}, annotations) appended. */
        String descriptor(String... extra) {
            String members = Stream.concat(Stream.of("\"mediaType\": \"" + mediaType + "\"", "\"digest\": \"" + digest
                    + "\"", "\"size\": " + size), Stream.of(extra)).collect(Collectors.joining(", "));
            return "{" + members + "}";
        }

        String hex() {
            return digest.substring(digest.indexOf(':') + 1);
        }
    }

    /** A layer blob and the digest of its uncompressed tar stream. */
    record Layer(Blob blob, String diffId) {
    }

    final Path root;

    OciFixture(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        Files.createDirectories(root.resolve("blobs/sha256"));
        Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Blob blob(String mediaType, byte[] bytes) throws IOException {
        String digest = sha256(bytes);
        Path file = root.resolve("blobs/sha256").resolve(digest.substring(7));
        Files.write(file, bytes);
        return new Blob(mediaType, digest, bytes.length, file);
    }

    Blob json(String mediaType, String json) throws IOException {
        return blob(mediaType, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A layer of these tar bytes, gzip-compressed (by gzip -n) or not. */
    Layer layer(byte[] tar, boolean gzip) throws IOException {
        byte[] stored = tar;
        if (gzip) {
            Path plain = Files.createTempFile(root.getParent(), "layer", ".tar");
            Files.write(plain, tar);
            Path compressed = Shell.compress(plain, "gzip -n", ".gz");
            stored = Files.readAllBytes(compressed);
            Files.delete(plain);
            Files.delete(compressed);
        }
        return new Layer(blob(gzip ? LAYER_GZIP : LAYER_TAR, stored), sha256(tar));
    }

    /**
     * A tar stream made by GNU tar (PAX, numeric owners, xattrs) from {@code stage}, holding
     * exactly {@code paths} in that order ("./" for the directory itself), so that a test decides
     * where whiteouts go.
     */
    static byte[] gnuTar(Path stage, List<String> paths) throws IOException {
        Path out = Files.createTempFile(stage.getParent(), "gnu", ".tar");
        List<String> command = new ArrayList<>(List.of("tar", "--format=pax", "--numeric-owner", "--xattrs",
                "--xattrs-include=*", "--no-recursion", "-C", stage.toString(), "-cf", out.toString()));
        command.addAll(paths);
        Shell.run(command.toArray(String[]::new));
        byte[] tar = Files.readAllBytes(out);
        Files.delete(out);
        return tar;
    }

    /**
     * A tar stream's entries without the zero records that end it, so that more entries can follow;
     * for archives whose last record of data is not all zeros.
     */
    static byte[] withoutEndMarker(byte[] tar) {
        int end = tar.length;
        while (end >= 512 && Arrays.equals(tar, end - 512, end, new byte[512], 0, 512)) {
            end -= 512;
        }
        return Arrays.copyOf(tar, end);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    /** Every path under {@code stage} as "./a/b", parents first, in byte order: how {@code tar --sort=name} lists them. */
    static List<String> allPaths(Path stage) throws IOException {
        try (Stream<Path> walk = Files.walk(stage)) {
            return walk.map(p -> "./" + stage.relativize(p)).sorted().toList();
        }
    }

    Blob config(List<Layer> layers) throws IOException {
        String diffIds = layers.stream().map(l -> "\"" + l.diffId() + "\"").collect(Collectors.joining(", "));
        return json("application/vnd.oci.image.config.v1+json", "{\"architecture\": \"amd64\", \"os\": \"linux\","
                + " \"config\": {}, \"rootfs\": {\"type\": \"layers\", \"diff_ids\": [" + diffIds + "]}}");
    }

    Blob manifest(Blob config, List<Blob> layers) throws IOException {
        String layerDescriptors = layers.stream().map(Blob::descriptor).collect(Collectors.joining(", "));
        return json("application/vnd.oci.image.manifest.v1+json", "{\"schemaVersion\": 2, \"mediaType\":"
                + " \"application/vnd.oci.image.manifest.v1+json\", \"config\": " + config.descriptor()
                + ", \"layers\": [" + layerDescriptors + "]}");
    }

    /** A manifest and config for these layers, in order; returns the manifest. */
    Blob image(List<Layer> layers) throws IOException {
        return manifest(config(layers), layers.stream().map(Layer::blob).toList());
    }

    /** An image index blob listing these descriptors (JSON objects). */
    Blob index(String... descriptors) throws IOException {
        return json("application/vnd.oci.image.index.v1+json", indexText(descriptors));
    }

    /** Writes {@code index.json} listing these descriptors (JSON objects). */
    void writeIndexJson(String... descriptors) throws IOException {
        Files.writeString(root.resolve("index.json"), indexText(descriptors));
    }

    private static String indexText(String... descriptors) {
        return "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.index.v1+json\", \"manifests\": ["
                + String.join(", ", descriptors) + "]}";
    }

    /** Writes index.json naming one image. */
    void tag(Blob manifest, String name) throws IOException {
        writeIndexJson(manifest.descriptor(refName(name)));
    }

    static String refName(String name) {
        return "\"annotations\": {\"org.opencontainers.image.ref.name\": \"" + name + "\"}";
    }

    static String platform(String os, String architecture) {
        return "\"platform\": {\"os\": \"" + os + "\", \"architecture\": \"" + architecture + "\"}";
    }

    /** Runs a shell script in {@code stage} (created if needed): how tests make the files of a layer. */
    static Path stage(Path stage, String script) throws IOException {
        Files.createDirectories(stage);
        Shell.run(stage, "sh", "-ec", script);
        return stage;
    }

    /** {@code umoci raw unpack}: the referee's rootfs of the image named {@code name}. */
    Path umociUnpack(String name, Path rootfs) throws IOException {
        return UmociImage.unpack(root, name, rootfs);
    }
}
