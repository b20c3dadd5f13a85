package dev.slipway.source;

/**
 * An OCI image layout Slipway refuses as a whole: a blob that does not match its digest or size,
 * a missing blob, malformed or contradictory JSON, a media type it cannot read, or a reference
 * that names no image. (An entry inside a layer that Slipway refuses, such as a path with "..",
 * raises {@link dev.slipway.tree.InvalidEntryException} instead.) The message names the file the
 * problem is in and says what to do.
 */
public class InvalidImageException extends CorruptArchiveException {

    private static final long serialVersionUID = 1L;

    public InvalidImageException(String file, String message) {
        super(file, message);
    }

    public InvalidImageException(String file, String message, Throwable cause) {
        super(file, message, cause);
    }

    /**
     * The file of the layout the problem is in, relative to the layout: "oci-layout",
     * "index.json" or "blobs/sha256/...". The same as {@link #entry()}.
     */
    public String file() {
        return entry();
    }
}
