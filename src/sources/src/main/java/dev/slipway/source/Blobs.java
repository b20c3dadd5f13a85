package dev.slipway.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The blobs of an OCI image layout, each checked against the descriptor that names it: the file
 * {@code blobs/<algorithm>/<hex>} must exist and have the descriptor's size and digest. The path
 * is built only from a {@link Digest}, which admits nothing but an algorithm Slipway knows and
 * lowercase hex, so no descriptor can point outside {@code blobs/}.
 */
final class Blobs {

    /** Largest JSON blob read: registries refuse manifests over 4 MiB; configs with long histories get room. */
    static final int MAX_JSON_BYTES = 16 << 20;

    private final Path layout;

    Blobs(Path layout) {
        this.layout = layout;
    }

    /**
     * Reads a small JSON blob whole and checks it before anyone parses it.
     *
     * @param what what the blob is, for messages ("the manifest", "the config", "layer 2 of 3")
     */
    byte[] readVerified(Descriptor descriptor, String what) throws IOException {
        String name = descriptor.digest().blobPath();
        if (descriptor.size() > MAX_JSON_BYTES) {
            throw new InvalidImageException(name, describe(what, name) + " is " + descriptor.size() + " bytes by its"
                    + " descriptor, more than the " + (MAX_JSON_BYTES >> 20) + " MiB any JSON document of an image needs;"
                    + " the layout is corrupt or hostile: copy or pull the image again");
        }
        byte[] bytes;
        try (DigestingInputStream in = open(descriptor, what)) {
            bytes = in.readNBytes((int) descriptor.size());
            in.drain();
            verify(descriptor, what, in);
        }
        return bytes;
    }

    /**
     * Opens a blob for reading in one pass, after checking that it exists and has the right size;
     * the caller reads it to the end and then calls {@link #verify}.
     */
    DigestingInputStream open(Descriptor descriptor, String what) throws IOException {
        String name = descriptor.digest().blobPath();
        Path file = layout.resolve(name);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidImageException(name, describe(what, name) + " is missing from the layout " + layout
                    + "; the layout is incomplete (copied without all its blobs?): copy or pull the image again", e);
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidImageException(name, describe(what, name) + " is not a regular file; the layout is"
                    + " corrupt: copy or pull the image again");
        }
        if (attributes.size() != descriptor.size()) {
            throw sizeMismatch(descriptor, what, attributes.size());
        }
        InputStream in = Files.newInputStream(file);
        return new DigestingInputStream(in, descriptor.digest().algorithm());
    }

    /** Checks what {@code in} read, to its end, against the descriptor. */
    static void verify(Descriptor descriptor, String what, DigestingInputStream in) throws InvalidImageException {
        if (in.count() != descriptor.size()) {
            throw sizeMismatch(descriptor, what, in.count());
        }
        Digest actual = in.digest();
        if (!actual.equals(descriptor.digest())) {
            String name = descriptor.digest().blobPath();
            throw new InvalidImageException(name, describe(what, name) + " does not match its digest: expected "
                    + descriptor.digest() + ", the file has " + actual + ". The layout is damaged or was changed after"
                    + " it was written; refusing it: copy or pull the image again");
        }
    }

    private static InvalidImageException sizeMismatch(Descriptor descriptor, String what, long actual) {
        String name = descriptor.digest().blobPath();
        return new InvalidImageException(name, describe(what, name) + " has " + actual + " bytes, but its"
                + " descriptor says " + descriptor.size() + "; the layout is damaged or was changed after it was"
                + " written: copy or pull the image again");
    }

    /** "the manifest (blobs/sha256/...)" */
    static String describe(String what, String name) {
        return what + " (" + name + ")";
    }
}
