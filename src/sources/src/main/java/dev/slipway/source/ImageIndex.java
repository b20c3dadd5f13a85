package dev.slipway.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the image manifest that {@code index.json} designates.
 *
 * <ol>
 *   <li>With a reference, the entries of {@code index.json} whose
 *       {@code org.opencontainers.image.ref.name} is that reference; there must be at least one.
 *       Without one, {@code index.json} must name at most one image (entries may share a name,
 *       or have none).</li>
 *   <li>Of the entries left, a single one is taken; of several, the one for linux/amd64, which must
 *       be exactly one.</li>
 *   <li>An image manifest is the answer; an image index (OCI, or a Docker manifest list) is read,
 *       verified, and step 2 repeats on its entries, at most {@value #MAX_NESTING} indexes deep.
 *       Anything else (an artifact, a Docker schema 1 manifest) is refused.</li>
 * </ol>
 */
final class ImageIndex {

    static final int MAX_NESTING = 4;
    static final String OS = "linux";
    static final String ARCHITECTURE = "amd64";

    private final Blobs blobs;

    ImageIndex(Blobs blobs) {
        this.blobs = blobs;
    }

    /** The descriptor of the image manifest; {@code reference} may be {@code null}. */
    Descriptor select(JsonNode index, String reference) throws IOException {
        String file = "index.json";
        OciJson.schemaVersion2(index, file, file);
        String mediaType = OciJson.optionalText(index, "mediaType", file, file);
        if (mediaType != null && !mediaType.equals(MediaTypes.OCI_INDEX)) {
            throw new InvalidImageException(file, "index.json says it is a '" + Digest.shown(mediaType) + "'; the"
                    + " index.json of an OCI layout is an " + MediaTypes.OCI_INDEX + ": the layout is corrupt");
        }
        List<Descriptor> entries = entries(index, file);
        if (entries.isEmpty()) {
            throw new InvalidImageException(file, "index.json lists no images; the layout is empty: copy or pull the"
                    + " image into it again");
        }
        List<Descriptor> candidates = entries;
        if (reference != null) {
            candidates = entries.stream().filter(d -> reference.equals(d.refName())).toList();
            if (candidates.isEmpty()) {
                throw new InvalidImageException(file, "the layout has no image named '" + Digest.shown(reference)
                        + "'; index.json names " + names(entries) + ": choose one of those");
            }
        } else {
            Set<String> named = entries.stream().map(Descriptor::refName).filter(n -> n != null)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (named.size() > 1) {
                throw new InvalidImageException(file, "index.json holds " + named.size() + " images, "
                        + names(entries) + "; say which one to read by its reference (its"
                        + " org.opencontainers.image.ref.name)");
            }
        }
        return resolve(candidates, file, 0);
    }

    private Descriptor resolve(List<Descriptor> candidates, String file, int depth) throws IOException {
        Descriptor chosen = candidates.size() == 1 ? candidates.get(0) : byPlatform(candidates, file);
        if (MediaTypes.isManifest(chosen.mediaType())) {
            return chosen;
        }
        if (!MediaTypes.isIndex(chosen.mediaType())) {
            throw new InvalidImageException(file, file + " points to " + chosen.summary() + ", a '"
                    + Digest.shown(chosen.mediaType()) + "', which is neither an image manifest nor an image index;"
                    + " Slipway reads container images (OCI, or Docker image manifest v2 schema 2)");
        }
        String nested = chosen.digest().blobPath();
        String where = Blobs.describe("the image index", nested);
        if (depth == MAX_NESTING) {
            throw new InvalidImageException(nested, where + " is nested more than " + MAX_NESTING + " indexes deep;"
                    + " no real image nests that deep, so refusing it");
        }
        JsonNode index = OciJson.parse(blobs.readVerified(chosen, "the image index"), nested, where);
        OciJson.schemaVersion2(index, nested, where);
        OciJson.mediaTypeMatches(index, chosen.mediaType(), nested, where);
        List<Descriptor> entries = entries(index, nested);
        if (entries.isEmpty()) {
            throw new InvalidImageException(nested, where + " lists no images; the image is empty");
        }
        return resolve(entries, nested, depth + 1);
    }

    private static Descriptor byPlatform(List<Descriptor> candidates, String file) throws InvalidImageException {
        List<Descriptor> matches = candidates.stream()
                .filter(d -> d.platform() != null && d.platform().is(OS, ARCHITECTURE)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        String platforms = candidates.stream().map(Descriptor::summary).collect(Collectors.joining(", "));
        throw new InvalidImageException(file, file + " lists " + candidates.size() + " images (" + platforms + ") and "
                + (matches.isEmpty() ? "none" : matches.size()) + " of them " + (matches.size() == 1 ? "is" : "are")
                + " for " + OS + "/" + ARCHITECTURE + ", the platform Slipway picks; "
                + (matches.isEmpty() ? "use an image built for it" : "refusing to guess between them")
                + " (or name the one you mean by its reference in index.json)");
    }

    private static List<Descriptor> entries(JsonNode index, String file) throws InvalidImageException {
        JsonNode manifests = OciJson.array(index, "manifests", file, file);
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            out.add(Descriptor.parse(manifests.get(i), file, "manifests[" + i + "] of " + file));
        }
        return out;
    }

    private static String names(List<Descriptor> entries) {
        List<String> names = new ArrayList<>();
        int unnamed = 0;
        for (Descriptor d : entries) {
            if (d.refName() == null) {
                unnamed++;
            } else if (!names.contains("'" + Digest.shown(d.refName()) + "'")) {
                names.add("'" + Digest.shown(d.refName()) + "'");
            }
        }
        if (unnamed > 0) {
            names.add(unnamed + " without a name");
        }
        return String.join(", ", names);
    }
}
